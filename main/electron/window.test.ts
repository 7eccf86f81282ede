import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../browser-host/security.ts';
import { appLocation, contentSecurityPolicy, isAppUrl } from './app-url.ts';
import { hardenContents, hardenSession, windowOptions } from './window.ts';

describe('windowOptions', () => {
  it('turns on every hardening setting', () => {
    const prefs = windowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    // No remote module, no features switched on by flags.
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});

/** A fake WebContents that records its listeners and window-open handler. */
function fakeContents() {
  const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { url?: string; preventDefault(): void }) => void) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  };
  const emit = (name: string, url?: string) => {
    const event = { url, prevented: false, preventDefault() { this.prevented = true; } };
    listeners.get(name)!(event);
    return event.prevented;
  };
  return { contents: contents as unknown as WebContents, emit, open: (url: string) => openHandler!({ url }) };
}

describe('hardenContents', () => {
  const app = appLocation();
  const setup = () => {
    const fake = fakeContents();
    const openExternal = vi.fn(async () => undefined);
    hardenContents(fake.contents, { isAppUrl: (url) => isAppUrl(url, app), openExternal });
    return { ...fake, openExternal };
  };

  it('lets the page navigate within the app only', () => {
    const { emit } = setup();
    expect(emit('will-navigate', 'app://chorus/index.html?project=%2Fp')).toBe(false);
    for (const url of ['https://evil.example/', 'http://chorus/index.html', 'file:///etc/passwd', 'app://other/index.html', 'app://user:pw@chorus/', 'javascript:alert(1)', 'not a url']) {
      expect(emit('will-navigate', url), url).toBe(true);
      expect(emit('will-redirect', url), url).toBe(true);
    }
  });

  it('never attaches a <webview>', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window; only https links go to the OS browser', async () => {
    const { open, openExternal } = setup();
    expect(open('https://docs.example.org/guide')).toEqual({ action: 'deny' });
    expect(open('http://insecure.example/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://chorus/index.html')).toEqual({ action: 'deny' });
    expect(open('smb://server/share')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.org/guide']]);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    let headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (listener: typeof headersListener) => (headersListener = listener) },
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    };
    return {
      session: session as unknown as Session,
      headers: (responseHeaders: Record<string, string[]>) => {
        let out: Record<string, string[]> | undefined;
        headersListener!({ responseHeaders }, (r) => (out = r.responseHeaders));
        return out!;
      },
      request: (permission: string) => {
        let granted: boolean | undefined;
        requestHandler!({}, permission, (g) => (granted = g));
        return granted;
      },
      check: (permission: string) => checkHandler!({}, permission),
    };
  }

  it('puts the strict CSP on every response, replacing a looser one', () => {
    const fake = fakeSession();
    const csp = contentSecurityPolicy(appLocation());
    hardenSession(fake.session, csp);
    const out = fake.headers({ 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] });
  });

  it('denies every permission request and check', () => {
    const fake = fakeSession();
    hardenSession(fake.session, 'x');
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(fake.request(permission)).toBe(false);
      expect(fake.check(permission)).toBe(false);
    }
  });

  it('uses the browser host policy, without its event socket', () => {
    const csp = contentSecurityPolicy(appLocation());
    expect(csp).toBe("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; font-src 'self' data:; img-src 'self' data:; connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY.replace(' ws://127.0.0.1:*', '')).toBe(csp);
    expect(csp).not.toContain('unsafe-eval');
  });
});
