import type { StudioApi, StudioEvent } from '../../../preload/contract.ts';
import { StudioApiError, type ConnectionState, type StudioClient } from './client.ts';
import { EventSocket } from './event-socket.ts';

export interface HttpClientOptions {
  /** Origin of the browser host, e.g. `http://127.0.0.1:4321`. */
  origin: string;
  token: string;
  fetch?: typeof fetch;
  /** Factory for the event socket; tests pass a fake. */
  webSocket?: (url: string) => WebSocket;
}

/** The studio API over the browser host: `POST /api/<service>/<method>`, events on `/api/events`. */
export function createHttpClient(options: HttpClientOptions): StudioClient {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const call = async (service: string, method: string, request: unknown): Promise<unknown> => {
    const response = await doFetch(`${options.origin}/api/${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
      body: JSON.stringify(request ?? {}),
    });
    const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string; field?: string } } | undefined;
    if (!response.ok) throw new StudioApiError(response.status, body?.error ?? { code: 'INTERNAL', message: `HTTP ${response.status}` });
    return body;
  };
  // Services and methods are looked up by name, so the client never lists them and cannot drift from the contract.
  const api = new Proxy({} as StudioApi, {
    get: (_target, service: string) => new Proxy({}, { get: (_t, method: string) => (request: unknown) => call(service, method, request) }),
  });

  const wsOrigin = options.origin.replace(/^http/, 'ws');
  const socket = new EventSocket(`${wsOrigin}/api/events?token=${encodeURIComponent(options.token)}`, options.webSocket);
  return {
    api,
    onEvent: (listener: (event: StudioEvent) => void) => socket.onEvent(listener),
    onConnection: (listener: (state: ConnectionState) => void) => socket.onConnection(listener),
    close: () => socket.close(),
  };
}

/** The client for the page `chorus serve` sent: its origin, and the token from `<meta name="chorus-token">`. */
export function clientFromPage(): StudioClient {
  const token = document.querySelector<HTMLMetaElement>('meta[name="chorus-token"]')?.content;
  if (!token) throw new Error('This page has no API token: open the address `chorus serve` printed.');
  return createHttpClient({ origin: location.origin, token });
}
