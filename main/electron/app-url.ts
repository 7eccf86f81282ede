/**
 * Where the studio's page comes from, and the test every URL from a renderer goes through:
 * the built renderer behind the `app://chorus` scheme, or the Vite dev server when
 * CHORUS_DEV_SERVER_URL names one. Anything else is foreign.
 */
import { CONTENT_SECURITY_POLICY } from '../browser-host/security.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'chorus';

export interface AppLocation {
  /** `app:` or the dev server's `http:`. */
  protocol: string;
  /** Host and port. */
  host: string;
  /** The page to load. */
  indexUrl: string;
  /** The dev server's page needs an inline script (React Refresh) and its HMR socket. */
  dev: boolean;
}

export function appLocation(devServerUrl?: string): AppLocation {
  if (!devServerUrl) return { protocol: `${APP_SCHEME}:`, host: APP_HOST, indexUrl: `${APP_SCHEME}://${APP_HOST}/index.html`, dev: false };
  const url = new URL(devServerUrl);
  // The dev server must be on this machine: a remote page must never get the bridge.
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new Error(`CHORUS_DEV_SERVER_URL must be http://localhost:<port> or http://127.0.0.1:<port>, not ${devServerUrl}`);
  }
  return { protocol: url.protocol, host: url.host, indexUrl: new URL('/index.html', url).href, dev: true };
}

/** Compares scheme and host (port included) rather than `origin`, which WHATWG URL leaves `null` for custom schemes. */
export function isAppUrl(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === app.protocol && parsed.host === app.host && parsed.username === '' && parsed.password === '';
}

/** The page for a window; with a folder, the renderer opens that project (as `chorus serve --project` does). */
export function windowUrl(app: AppLocation, folder?: string): string {
  return folder === undefined ? app.indexUrl : `${app.indexUrl}?project=${encodeURIComponent(folder)}`;
}

/**
 * The browser host's policy, less its event socket (IPC carries events here). The dev
 * server's page also needs its inline React Refresh preamble and the HMR socket.
 */
export function contentSecurityPolicy(app: AppLocation): string {
  const csp = CONTENT_SECURITY_POLICY.replace(" connect-src 'self' ws://127.0.0.1:*", " connect-src 'self'");
  if (!app.dev) return csp;
  return csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ws://${app.host}`);
}
