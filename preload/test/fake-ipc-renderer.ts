import type { IpcRendererLike } from '../bridge.ts';

/** A fake ipcRenderer: records invokes and listeners; `emit` plays main sending a message. */
export function fakeIpcRenderer() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: { echoed: channel } };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const sender = { secret: 'the ipcRenderer itself' };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender }, payload);
  };
  return { ipc, invoked, listeners, emit };
}
