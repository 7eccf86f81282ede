import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

const debugBreak = (...args: ScriptValue[]) => builtins.get('DebugBreak')!.impl!(args, testEnv());

describe('DebugBreak', () => {
  it('does nothing and returns false outside interactive runs', () => {
    expect(debugBreak()).toBe(false);
    expect(debugBreak(true)).toBe(false);
    expect(() => debugBreak([1])).toThrow(expect.objectContaining({ code: 'SCRIPT_TYPE' }) as Error);
  });
});
