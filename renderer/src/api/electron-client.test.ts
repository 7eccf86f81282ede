import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../preload/bridge.ts';
import { fakeIpcRenderer } from '../../../preload/test/fake-ipc-renderer.ts';
import { StudioApiError } from './client.ts';
import { createElectronClient } from './electron-client.ts';

describe('the Electron client', () => {
  it('calls the API through the bridge and unwraps values', async () => {
    const fake = fakeIpcRenderer();
    const client = createElectronClient(createBridge(fake.ipc));
    expect(await client.api.settings.get({})).toEqual({ echoed: 'chorus:settings.get' });
    expect(fake.invoked).toEqual([{ channel: 'chorus:settings.get', args: [{}] }]);
  });

  it('turns an error reply into a StudioApiError with its code and field', async () => {
    const bridge = {
      call: async () => ({ ok: false as const, status: 400, error: { code: 'BAD_REQUEST', message: 'folder: must be an absolute path', field: 'folder' } }),
      onEvent: () => () => undefined,
      onCommand: () => () => undefined,
    };
    const error = await createElectronClient(bridge).api.projects.open({ folder: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioApiError);
    expect(error).toMatchObject({ status: 400, code: 'BAD_REQUEST', field: 'folder' });
  });

  it('passes events on, reports the channel open, and unsubscribes on close', async () => {
    const fake = fakeIpcRenderer();
    const client = createElectronClient(createBridge(fake.ipc));
    const seen: unknown[] = [];
    const states: string[] = [];
    client.onEvent((e) => seen.push(e));
    client.onConnection((s) => states.push(s));
    await Promise.resolve();
    fake.emit('chorus:event', { type: 'projects.changed', folder: '/p', files: [] });
    expect(seen).toHaveLength(1);
    expect(states).toEqual(['open']);
    client.close();
    fake.emit('chorus:event', { type: 'projects.changed', folder: '/p', files: [] });
    expect(seen).toHaveLength(1);
  });
});
