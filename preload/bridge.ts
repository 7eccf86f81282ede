/**
 * The Electron bridge between the renderer and main, without any Electron import: the
 * channel names, the reply shape and `createBridge`, which preload.ts exposes as
 * `window.chorus`. Kept apart from preload.ts so it is tested in plain Node and so the
 * renderer can import its types.
 */
import type { ApiError, StudioEvent } from './contract.ts';
import { methodNames } from './contract.ts';

/** Requests go to `chorus:<service>.<method>`; main registers one handler per method. */
export const CHANNEL_PREFIX = 'chorus:';
/** main -> renderer: one studio event per message. */
export const EVENT_CHANNEL = 'chorus:event';
/** main -> renderer: the id of an app command chosen in a native menu. */
export const COMMAND_CHANNEL = 'chorus:command';

export function requestChannel(service: string, method: string): string {
  return `${CHANNEL_PREFIX}${service}.${method}`;
}

/** Every request channel of the contract, in contract order. */
export function requestChannels(): string[] {
  return Object.entries(methodNames).flatMap(([service, methods]) => methods.map((m) => requestChannel(service, m)));
}

/**
 * What an IPC request answers. Errors travel as data: an Error thrown across IPC and the
 * context bridge keeps only its message, and the renderer needs the code and the field.
 */
export type IpcReply = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError['error'] };

/** `window.chorus`: the whole surface the page gets. */
export interface ChorusBridge {
  call(service: string, method: string, request: unknown): Promise<IpcReply>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  onCommand(listener: (commandId: string) => void): () => void;
}

/** The part of Electron's ipcRenderer the bridge uses (tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const allowed = new Set(requestChannels());

/**
 * The functions exposed to the page. The page never gets ipcRenderer nor the IPC event
 * (whose `sender` is ipcRenderer): only the payload reaches its listeners, and only the
 * contract's channels can be invoked. main checks everything again.
 */
export function createBridge(ipc: IpcRendererLike): ChorusBridge {
  const subscribe = <T>(channel: string, listener: (value: T) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const handler = (_event: unknown, value: unknown) => listener(value as T);
    ipc.on(channel, handler);
    return () => {
      ipc.removeListener(channel, handler);
    };
  };
  return {
    call(service, method, request) {
      const channel = typeof service === 'string' && typeof method === 'string' ? requestChannel(service, method) : '';
      if (!allowed.has(channel)) {
        return Promise.resolve({ ok: false, status: 404, error: { code: 'NOT_FOUND', message: `no method ${String(service)}.${String(method)}` } });
      }
      return ipc.invoke(channel, request) as Promise<IpcReply>;
    },
    onEvent: (listener) => subscribe<StudioEvent>(EVENT_CHANNEL, listener),
    onCommand: (listener) => subscribe<string>(COMMAND_CHANNEL, listener),
  };
}
