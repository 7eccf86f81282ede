/**
 * Hardening of every window, session and web contents, kept as functions over Electron's
 * objects (passed in) so they are unit-tested with fakes. See DESIGN.md, Security.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The options of every studio window; the renderer gets Node through nothing but the preload's bridge. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Chorus Studio',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // (There is no `enableRemoteModule`: the remote module left Electron in version 14.)
    },
  };
}

/**
 * Every response gets the strict CSP (the `app://` responses carry it too; this covers the
 * dev server), and the page is granted no permission at all: no camera, notifications,
 * geolocation, clipboard reads or USB.
 */
export function hardenSession(session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface ContentsPolicy {
  /** Whether a URL is the studio's own page (see app-url.ts). */
  isAppUrl(url: string): boolean;
  /** Opens a link in the user's browser (Electron's shell.openExternal). */
  openExternal(url: string): unknown;
}

/**
 * A page can neither leave the studio nor open windows: navigation to anything but the
 * app's own URL is cancelled, `window.open` and target=_blank are denied (an https link
 * goes to the user's browser instead), and `<webview>` never attaches.
 */
export function hardenContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, policy: ContentsPolicy): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', (event) => stayInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) void Promise.resolve(policy.openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  });
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
