import { describe, expect, it } from 'vitest';
import { COMMAND_CHANNEL, EVENT_CHANNEL, createBridge, requestChannels } from './bridge.ts';
import { methodNames } from './contract.ts';
import { fakeIpcRenderer } from './test/fake-ipc-renderer.ts';

describe('the bridge', () => {
  it('has one request channel per method of the contract', () => {
    const count = Object.values(methodNames).reduce((n, methods) => n + methods.length, 0);
    expect(requestChannels()).toHaveLength(count);
    expect(requestChannels()).toContain('chorus:projects.open');
    expect(requestChannels()).toContain('chorus:runs.start');
  });

  it('exposes call, onEvent and onCommand only', () => {
    expect(Object.keys(createBridge(fakeIpcRenderer().ipc)).sort()).toEqual(['call', 'onCommand', 'onEvent']);
  });

  it('invokes the contract channels with the request only', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(await bridge.call('projects', 'open', { folder: '/p' })).toEqual({ ok: true, value: { echoed: 'chorus:projects.open' } });
    expect(fake.invoked).toEqual([{ channel: 'chorus:projects.open', args: [{ folder: '/p' }] }]);
  });

  it('refuses unknown channels without reaching main', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    for (const [service, method] of [
      ['projects', 'nope'],
      ['shell', 'openExternal'],
      ['__proto__', 'toString'],
      ['projects', 'constructor'],
      ['projects.open', ''],
      ['', 'projects.open'],
      [{ toString: () => 'projects' }, 'open'],
      ['projects', 'open\u0000'],
    ] as [string, string][]) {
      expect(await bridge.call(service, method, {})).toMatchObject({ ok: false, status: 404, error: { code: 'NOT_FOUND' } });
    }
    expect(fake.invoked).toEqual([]);
  });

  it('hands listeners the payload, never the IPC event, and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const events: unknown[][] = [];
    const commands: unknown[][] = [];
    const offEvent = bridge.onEvent((...args) => events.push(args));
    const offCommand = bridge.onCommand((...args) => commands.push(args));
    const event = { type: 'projects.changed', folder: '/p', files: ['a.json'] };
    fake.emit(EVENT_CHANNEL, event);
    fake.emit(COMMAND_CHANNEL, 'saveProject');
    expect(events).toEqual([[event]]);
    expect(commands).toEqual([['saveProject']]);
    offEvent();
    offCommand();
    fake.emit(EVENT_CHANNEL, event);
    fake.emit(COMMAND_CHANNEL, 'undo');
    expect(events).toHaveLength(1);
    expect(commands).toHaveLength(1);
    expect([...fake.listeners.values()].every((set) => set.size === 0)).toBe(true);
    expect(() => bridge.onEvent('not a function' as never)).toThrow(TypeError);
  });
});
