import { describe, expect, it } from 'vitest';
import { ProjectWindows, type WindowContents } from './project-windows.ts';

const contents = (id: number, destroyed = false) => {
  const sent: unknown[] = [];
  const c: WindowContents & { sent: unknown[] } = { id, sent, send: (_channel, payload) => sent.push(payload), isDestroyed: () => destroyed };
  return c;
};

describe('ProjectWindows', () => {
  it('knows the window of each project and forgets closed ones', () => {
    const windows = new ProjectWindows('linux');
    const a = contents(1);
    windows.add(a, '/p/one');
    expect(windows.windowOf('/p/one/')).toBe(a);
    expect(windows.windowOf('/P/ONE')).toBeUndefined();
    expect(windows.otherWindowOf('/p/one', a)).toBeUndefined();
    expect(windows.otherWindowOf('/p/one', contents(2))).toBe(a);
    expect(windows.remove(a)).toBe('/p/one');
    expect(windows.windowOf('/p/one')).toBeUndefined();
  });

  it('compares folders without case where the file system does', () => {
    const windows = new ProjectWindows('darwin');
    const a = contents(1);
    windows.add(a);
    windows.claim(a, '/Users/me/Orders');
    expect(windows.windowOf('/users/me/orders')).toBe(a);
    windows.send('/USERS/me/orders', 'chorus:event', { type: 'x' });
    expect(a.sent).toEqual([{ type: 'x' }]);
  });

  it('ignores a destroyed window', () => {
    const windows = new ProjectWindows('linux');
    windows.add(contents(1, true), '/p');
    expect(windows.windowOf('/p')).toBeUndefined();
  });
});
