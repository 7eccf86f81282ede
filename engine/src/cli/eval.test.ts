import { describe, expect, it } from 'vitest';
import { runChorus } from './test-cli.ts';

function chorus(args: string[], stdin = '') {
  return runChorus(args, { cwd: process.cwd(), stdin });
}

describe('chorus eval', () => {
  it('prints the result as the script tester shows it, from the argument or stdin', async () => {
    expect(await chorus(['eval', '<trans> 1 + 2 * 3 </trans>'])).toEqual({ code: 0, stdout: '7\n', stderr: '' });
    expect((await chorus(['eval', 'Left("Jitterbit", 3)'])).stdout).toBe('Jit\n');
    expect((await chorus(['eval'], '<trans>\n a = {1,2,3};\n a + 1\n</trans>\n')).stdout).toBe('{2,3,4}\n');
  });

  it('prints {"type", "value"} with --json, dates as ISO 8601 and binaries as hex', async () => {
    expect(JSON.parse((await chorus(['eval', '--json', '5 / 2'])).stdout)).toEqual({ type: 'double', value: 2.5 });
    expect(JSON.parse((await chorus(['eval', '--json', 'Date("2018-12-25 12:30")'])).stdout)).toEqual({ type: 'date', value: '2018-12-25T12:30:00' });
    expect(JSON.parse((await chorus(['eval', '--json', 'HexToBinary("00FF")'])).stdout)).toEqual({ type: 'binary', value: '00ff' });
    expect(JSON.parse((await chorus(['eval', '--json', 'd = Dict(); d["b"] = 1; d["a"] = Null(); d'])).stdout)).toEqual({
      type: 'dictionary',
      value: { a: null, b: 1 },
    });
  });

  it('sets globals with --var', async () => {
    expect((await chorus(['eval', '--var', 'name=Ada', '--var', 'n=2', '$name + $n'])).stdout).toBe('Ada2\n');
  });

  it('exits 1 with the code and line:column of an error', async () => {
    const r = await chorus(['eval', '<trans>\nx = 1;\n  y + x\n</trans>']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/3:3.*y.*\[SCRIPT_UNINITIALIZED\]/);
    expect((await chorus(['eval', '1 +'])).stderr).toMatch(/SCRIPT_SYNTAX/);
  });

  it('evaluates JSON lines in a fresh scope each with --batch; one bad line never stops the batch', async () => {
    const input = [
      '{"id": 1, "script": "x = 2; x * 21"}',
      '{"id": "b", "script": "x"}',
      'not json',
      '',
      '{"id": 3}',
      '{"id": 4, "script": "<trans>Upper(1)</trans>"}',
      '{"id": 5, "script": "ToUpper(\\"ok\\")"}',
    ].join('\n');
    const r = await chorus(['eval', '--batch'], input);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 1, ok: true, type: 'int', value: 42 },
      { id: 'b', ok: false, code: 'SCRIPT_UNINITIALIZED', error: expect.stringContaining("'x'") },
      { id: null, ok: false, code: 'INPUT_INVALID', error: expect.stringContaining('not JSON') },
      { id: 3, ok: false, code: 'INPUT_INVALID', error: expect.any(String) },
      { id: 4, ok: false, code: 'SCRIPT_UNKNOWN_FUNCTION', error: expect.stringContaining('Upper') },
      { id: 5, ok: true, type: 'string', value: 'OK' },
    ]);
    const ok = await chorus(['eval', '--batch'], '{"id": 1, "script": "1"}\n{"id": 2, "script": "2"}\n');
    expect(ok.code).toBe(0);
  });

  it('stops a script that runs too long (--timeout) instead of hanging', async () => {
    const r = await chorus(['eval', '--timeout', '0.2', '$jitterbit.scripting.while.max_iterations = 1000000000; While(true, 1)']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SCRIPT_LIMIT/);
  });
});
