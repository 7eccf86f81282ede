import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

const env = testEnv();
const call = (name: string, args: ScriptValue[], e = env) => builtins.get(name)!.impl!(args, e);

describe('logging functions', () => {
  it('keeps the last error in env.state', () => {
    const e = testEnv();
    expect(call('GetLastError', [], e)).toBe('');
    expect(call('SetLastError', ['no rows'], e)).toBeNull();
    expect(call('GetLastError', [], e)).toBe('no rows');
    expect(e.host.messages).toEqual([{ level: 'warning', message: 'no rows' }]);
    call('ResetLastError', [], e);
    expect(e.state.lastError).toBe('');
    expect(e.host.messages).toHaveLength(1); // resetting logs nothing
  });

  it('RaiseError stops with SCRIPT_RAISED and records the message', () => {
    const e = testEnv();
    let error: unknown;
    try {
      call('RaiseError', ['customer id is missing'], e);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).code).toBe('SCRIPT_RAISED');
    expect((error as ScriptError).message).toContain('customer id is missing');
    expect(e.state.lastError).toBe('customer id is missing');
  });

  it('WriteToOperationLog logs the string form and returns it', () => {
    const e = testEnv();
    expect(call('WriteToOperationLog', [[1, 'a']], e)).toBe('{1,a}');
    expect(call('WriteToOperationLog', [null], e)).toBe('');
    expect(e.host.messages).toEqual([
      { level: 'info', message: '{1,a}' },
      { level: 'info', message: '' },
    ]);
  });
});
