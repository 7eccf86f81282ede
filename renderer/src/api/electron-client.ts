import type { ChorusBridge } from '../../../preload/bridge.ts';
import type { StudioApi, StudioEvent } from '../../../preload/contract.ts';
import { StudioApiError, type ConnectionState, type StudioClient } from './client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (preload/preload.ts); absent in a browser. */
    chorus?: ChorusBridge;
  }
}

/**
 * The studio API over the Electron preload bridge (`window.chorus`). Replies come as data
 * (`{ ok, value }` or the contract's error), because an Error crossing IPC keeps only its
 * message; this turns them back into a value or a StudioApiError, as the HTTP client does.
 */
export function createElectronClient(bridge: ChorusBridge): StudioClient {
  const call = async (service: string, method: string, request: unknown): Promise<unknown> => {
    const reply = await bridge.call(service, method, request ?? {});
    if (!reply.ok) throw new StudioApiError(reply.status, reply.error);
    return reply.value;
  };
  // Looked up by name, like the HTTP client, so it cannot drift from the contract.
  const api = new Proxy({} as StudioApi, {
    get: (_target, service: string) => new Proxy({}, { get: (_t, method: string) => (request: unknown) => call(service, method, request) }),
  });
  const subscriptions = new Set<() => void>();
  const track = (off: () => void) => {
    subscriptions.add(off);
    return () => {
      off();
      subscriptions.delete(off);
    };
  };
  return {
    api,
    onEvent: (listener: (event: StudioEvent) => void) => track(bridge.onEvent(listener)),
    // IPC has no connection to lose: it is open from the start.
    onConnection: (listener: (state: ConnectionState) => void) => {
      queueMicrotask(() => listener('open'));
      return () => undefined;
    },
    close: () => {
      for (const off of subscriptions) off();
      subscriptions.clear();
    },
  };
}

/** The Electron client when the page runs in the desktop studio, else undefined. */
export function electronClient(): StudioClient | undefined {
  return typeof window !== 'undefined' && window.chorus ? createElectronClient(window.chorus) : undefined;
}
