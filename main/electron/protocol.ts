/**
 * The `app://chorus/` scheme: serves the built renderer (dist/renderer) to the windows.
 * A standard, secure scheme gives the page a real origin, so `'self'` in the CSP and
 * Monaco's module workers behave as on http, which file:// would not.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { securityHeaders } from '../browser-host/security.ts';
import { APP_HOST, APP_SCHEME, contentSecurityPolicy, type AppLocation } from './app-url.ts';

/** Must be called before the app is ready. */
export const appSchemePrivileges = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The file an `app://chorus/...` URL names inside `rendererDir`, or undefined for anything outside it. */
export function appFilePath(url: string, rendererDir: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : file;
}

/** The response for one request: the file with the browser host's security headers, 404 for anything else. */
export async function appResponse(request: { url: string; method: string }, rendererDir: string, app: AppLocation): Promise<Response> {
  const headers = { ...securityHeaders, 'Content-Security-Policy': contentSecurityPolicy(app) };
  const file = request.method === 'GET' ? appFilePath(request.url, rendererDir) : undefined;
  const body = file === undefined ? undefined : await readFile(file).catch(() => undefined);
  if (file === undefined || body === undefined) {
    return new Response('not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
}

/** Serves the renderer on `app://chorus/` for the default session. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, app: AppLocation): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir, app));
}
