import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../script/test-host.ts';
import { compileScript, type CompileOptions, type CompiledScript } from './compile.ts';
import { toStr } from './convert.ts';
import { LIMITS, type ScriptEnv } from './env.ts';
import { ScriptError, scriptError, typeError } from './errors.ts';
import { FunctionTable } from './functions/registry.ts';
import type { FunctionImpl, FunctionSpec, Param, ParamType } from './functions/types.ts';
import { isVarRef } from './functions/types.ts';
import { labelled, ScriptDict, toHost, toTyped, type ScriptValue } from './values.ts';

/** `"string s, int? n, type... rest"` -> params. */
function params(text: string): Param[] {
  return text
    .split(',')
    .filter((p) => p.trim())
    .map((p) => {
      const [type, name] = p.trim().split(/\s+/);
      return { name, type: type.replace(/[?.]/g, '') as ParamType, optional: type.endsWith('?'), rest: type.endsWith('...') };
    });
}

function fn(name: string, signature: string, impl: FunctionImpl | undefined, extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return { name, category: 'general', summary: name, signatures: [{ params: params(signature), returns: 'type' }], examples: [], impl, ...extra };
}

let calls = 0;
const functions = new FunctionTable([
  fn('Left', 'string str, int n', (a) => toStr(a[0]).slice(0, a[1] as number)),
  fn('Mid', 'string str, int start, int? length', (a) => toStr(a[0]).substr(a[1] as number, (a[2] as number | undefined) ?? undefined)),
  fn('Length', 'type x', (a) => (Array.isArray(a[0]) ? a[0].length : toStr(a[0]).length)),
  fn('ToUpper', 'string s', (a) => toStr(a[0]).toUpperCase()),
  fn('Concat', 'string first, string... rest', (a) => a.map(toStr).join('')),
  fn('Null', '', () => null),
  fn('Dict', '', () => new ScriptDict()),
  fn('Labelled', '', () => labelled([1, 2], ['one', 'two'])),
  fn('Get', 'string name', (a, env) => env.globals.get(toStr(a[0]))),
  fn('Count', '', () => ++calls),
  fn('Fail', 'type value', () => {
    throw typeError('bad value', 0);
  }),
  fn('Raise', 'string message', (a) => {
    throw scriptError('SCRIPT_RAISED', toStr(a[0]));
  }),
  fn('Explode', '', () => {
    throw new RangeError('Invalid string length');
  }),
  fn('Crash', '', () => {
    throw new Error('boom');
  }),
  fn('DBLookup', 'string ref', undefined, { needs: 'a database connection' }),
  fn('Later', 'int x', async (a) => (a[0] as number) * 2, { async: true }),
  fn('LaterFail', '', async () => Promise.reject(typeError('rejected')), { async: true }),
  fn('Bump', 'var v', (a) => {
    const v = a[0];
    if (!isVarRef(v)) return 'value';
    v.set((v.get() as number) + 1);
    return 'ref';
  }),
]);

function compile(body: string, options: CompileOptions = {}): CompiledScript {
  return compileScript(body.includes('<trans>') ? body : `<trans>${body}</trans>`, { functions, ...options });
}

function run(body: string, env: ScriptEnv = testEnv(), args?: ScriptValue[]): ScriptValue {
  return compile(body).run(env, args);
}

/** The result in sync mode, checked to be the same in async mode. */
async function both(body: string, globals: Record<string, unknown> = {}): Promise<ScriptValue> {
  const sync = run(body, testEnv({ globals }));
  const asyncResult = await compile(body, { mode: 'async' }).runAsync(testEnv({ globals, async: true }));
  expect(toTyped(asyncResult)).toEqual(toTyped(sync));
  return sync;
}

function failure(action: () => unknown): ScriptError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(ScriptError);
    return err as ScriptError;
  }
  throw new Error('expected an error');
}

async function asyncFailure(promise: Promise<unknown>): Promise<ScriptError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScriptError);
  return err as ScriptError;
}

describe('compileScript: values and variables', () => {
  it('evaluates literals, arrays and sequences', async () => {
    expect(await both('42')).toBe(42);
    expect(await both('1.5')).toBe(1.5);
    expect(await both('"text"')).toBe('text');
    expect(await both('true')).toBe(true);
    expect(await both('{1, "a", {true}, {}}')).toEqual([1, 'a', [true], []]);
    expect(await both('{x = 1; x + 1, 3}')).toEqual([2, 3]);
    expect(await both('')).toBeNull();
    expect(await both('1; 2;')).toBe(2);
  });

  it('returns the text of a source without <trans>', async () => {
    const script = compileScript('Hello <b>', { functions });
    expect(script.literal).toBe(true);
    expect(script.run(testEnv())).toBe('Hello <b>');
    expect(await script.runAsync(testEnv())).toBe('Hello <b>');
  });

  it('reads and assigns locals; an unassigned local is an error with its position', () => {
    expect(run('x = 2; x * x')).toBe(4);
    const err = failure(() => compile('x = 1;\n  y + x', { file: 'scripts/s.chs' }).run(testEnv()));
    expect(err).toMatchObject({ code: 'SCRIPT_UNINITIALIZED', message: "Local variable 'y' hasn't been initialized", location: { file: 'scripts/s.chs', line: 2, column: 3 } });
  });

  it('treats locals as case-sensitive and globals as case-insensitive', () => {
    expect(failure(() => run('total = 1; Total')).code).toBe('SCRIPT_UNINITIALIZED');
    const env = testEnv({ globals: { Order: 'A-1' } });
    expect(run('$ORDER', env)).toBe('A-1');
    run('$order = "B-2"; $New.Value = 3', env);
    expect(env.globals.get('order')).toBe('B-2');
    expect(env.globals.get('new.value')).toBe(3);
    expect(run('$never.set')).toBeNull();
  });

  it('presets _1, _2... from the arguments; a missing one is null', () => {
    expect(run('{_1, _2, _3}', testEnv(), ['a', 2])).toEqual(['a', 2, null]);
  });

  it('starts every run with fresh locals', () => {
    const script = compile('If(_1 == 1, y = 5, y)');
    expect(script.run(testEnv(), [1])).toBe(5);
    expect(failure(() => script.run(testEnv(), [2])).code).toBe('SCRIPT_UNINITIALIZED');
  });

  it('keeps the locals of a script that runs itself again (RunScript recursion) apart', () => {
    const recursive = new FunctionTable([fn('Again', 'int n', (a, env) => script.run(env, [(a[0] as number) - 1]))]);
    const script = compileScript('<trans>n = _1; r = If(n > 0, Again(n), 0); n + r</trans>', { functions: recursive });
    expect(script.run(testEnv(), [3])).toBe(6);
  });
});

describe('compileScript: indexing', () => {
  it('reads arrays, nested arrays and dictionaries', async () => {
    expect(await both('a = {1, {2, 3}}; {a[0], a[1][1], a[5], a[1.5], a[true], a[""], a[Null()], a["x"]}')).toEqual([1, 3, null, null, [2, 3], 1, 1, null]);
    expect(await both('d = Dict(); d[1] = "one"; {d["1"], d["missing"]}')).toEqual(['one', null]);
  });

  it('reads labelled arrays by label, case-insensitively', () => {
    expect(run('a = Labelled(); {a["one"], a["TWO"], a[1]}')).toEqual([1, 2, 2]);
  });

  it('fails on a negative index, a null key and a non-container', () => {
    expect(failure(() => run('a = {1};\na[-1]'))).toMatchObject({ code: 'SCRIPT_INDEX', location: { line: 2, column: 1 } });
    expect(failure(() => run('d = Dict(); d[Null()]')).code).toBe('SCRIPT_TYPE');
    expect(failure(() => run('s = "abc"; s[0]')).message).toMatch(/\[\] operator applied to a data element of unsupported type/);
    expect(failure(() => run('$unset[0]')).code).toBe('SCRIPT_TYPE');
  });
});

describe('compileScript: assignment', () => {
  it('assigns with =, += and -=, and returns the assigned value', async () => {
    expect(await both('a = b = 2; {a, b}')).toEqual([2, 2]);
    expect(await both('s = "a"; s += "b"; n = 10; n -= 3; {s, n, (n += 1)}')).toEqual(['ab', 7, 8]);
  });

  it('fails on += to a never-assigned local, and starts an unset global from nothing', async () => {
    expect(failure(() => run('x += 1')).code).toBe('SCRIPT_UNINITIALIZED');
    expect(await both('$n += 5; $m -= 5; $s += "a"; {$n, $m, $s}')).toEqual([5, -5, 'a']);
    expect(failure(() => run('$g -= "a"')).code).toBe('SCRIPT_TYPE');
  });

  it('grows arrays with nulls and assigns nested elements and dictionary keys', async () => {
    expect(await both('a = {}; a[3] = "x"; a')).toEqual([null, null, null, 'x']);
    expect(await both('a = {1, {2, 3}}; a[1][1] = 7; a[Length(a)] = 9; a')).toEqual([1, [2, 7], 9]);
    expect(await both('a = {1}; a[0] += 10; a[2] -= 1; a')).toEqual([11, null, -1]);
    const d = (await both('d = Dict(); d[1] = "a"; d["1"] += "b"; d["k"] = {1}; d["k"][1] = 2; d')) as ScriptDict;
    expect(d.toJSON()).toEqual({ 1: 'ab', k: [1, 2] });
  });

  it('creates the container of an unset global: an array for a number index, a dictionary for a string key', async () => {
    expect(await both('$list[Length($list)] = "a"; $list[Length($list)] = "b"; $list')).toEqual(['a', 'b']);
    expect(toHost(await both('$d["x"]["y"] = 1; $d'))).toEqual({ x: { y: 1 } });
  });

  it('fails on bad element assignments', () => {
    expect(failure(() => run('a = {};\n a[-1] = 1'))).toMatchObject({ code: 'SCRIPT_INDEX', location: { line: 2, column: 2 } });
    expect(failure(() => run('a = {}; a[1.5] = 1')).code).toBe('SCRIPT_INDEX');
    expect(failure(() => run('a = {}; a["x"] = 1')).code).toBe('SCRIPT_INDEX');
    expect(failure(() => run(`a = {}; a[${LIMITS.arrayLength}] = 1`)).code).toBe('SCRIPT_LIMIT');
    expect(failure(() => run('d = Dict(); d[Null()] = 1')).code).toBe('SCRIPT_TYPE');
    expect(failure(() => run('s = "abc"; s[0] = "x"')).code).toBe('SCRIPT_TYPE');
    expect(failure(() => run('a[0] = 1')).code).toBe('SCRIPT_UNINITIALIZED');
  });

  it('copies arrays and dictionaries on assignment', async () => {
    expect(await both('a = {1, {2}}; b = a; b[0] = 9; b[1][0] = 8; {a, b}')).toEqual([
      [1, [2]],
      [9, [8]],
    ]);
    expect(await both('a = {1}; b = {a}; b[0][0] = 2; a')).toEqual([1]);
    expect(await both('a = {1}; c = b = a; c[0] = 3; {a, b}')).toEqual([[1], [1]]);
    expect(await both('a = {1}; m = {a, {}}; x = m[0]; x[0] = 5; m')).toEqual([[1], []]);
    expect(await both('$g = {1}; b = Get("g"); b[0] = 2; $g')).toEqual([1]);
    expect(await both('a = {1}; b = If(true, a); b[0] = 2; a')).toEqual([1]);
    const d = (await both('d = Dict(); d["k"] = 1; e = d; e["k"] = 2; d')) as ScriptDict;
    expect(d.get('k')).toBe(1);
  });
});

describe('compileScript: ++ and --', () => {
  it('updates locals, globals and elements', async () => {
    expect(await both('x = 5; y = x++; z = ++x; {x, y, z}')).toEqual([7, 5, 7]);
    expect(await both('x = 5; {x--, --x, x}')).toEqual([5, 3, 3]);
    expect(await both('$c = 1; $c++; ++$C; $c')).toBe(3);
    expect(await both('a = {1, 2}; ++a[1]; --a[0]; a')).toEqual([0, 3]);
    expect(await both('s = "5"; s++; s')).toBe('6');
  });

  it('fails on a never-assigned local and an unset global', () => {
    expect(failure(() => run('\n  x++'))).toMatchObject({ code: 'SCRIPT_UNINITIALIZED', location: { line: 2, column: 3 } });
    expect(failure(() => run('$unset++')).code).toBe('SCRIPT_TYPE');
  });
});

describe('compileScript: operators', () => {
  it('computes with fast paths and the operator table alike', async () => {
    expect(await both('{1 + 2 * 3, 7 - 2, 6 / 4, 2^10, -3, -"12ab", "a" + "b", "a" + 1, 1 + 2 + "a"}')).toEqual([7, 5, 1.5, 1024, -3, '-12', 'ab', 'a1', '3a']);
    expect(await both('{1 < 2, "b" < "a", 2 >= 2, 1 == 1, "a" != "a", 1234 == "1234abc", Null() == Null()}')).toEqual([true, false, true, true, false, true, false]);
    expect(await both('{!0, !1, !true, !"0", {1, 2} * 2}')).toEqual([true, false, false, true, [2, 4]]);
  });

  it('short-circuits && and ||, and always returns a boolean', async () => {
    calls = 0;
    expect(await both('{false && Count(), true || Count(), 1 && "T", 0 || Null(), {1} && true, {1} || 1}')).toEqual([false, true, true, false, false, true]);
    expect(calls).toBe(0);
  });

  it('locates operator errors at the expression', () => {
    expect(failure(() => run('x = 1;\nx / 0'))).toMatchObject({ code: 'SCRIPT_DIVISION_BY_ZERO', location: { line: 2, column: 1 } });
    expect(failure(() => run('true + 1')).message).toMatch(/^Illegal operation, ADD/);
    expect(failure(() => run('-Dict()')).code).toBe('SCRIPT_TYPE');
  });
});

describe('compileScript: calls', () => {
  it('calls functions case-insensitively with arguments evaluated left to right', async () => {
    expect(await both('LEFT("abcdef", 2) + left("xyz", 1) + Mid("abcdef", 2) + Mid("abcdef", 1, 2)')).toBe('abxcdefbc');
    expect(await both('i = 0; Concat(i++, i++, i++)')).toBe('012');
  });

  it('reports unknown functions and wrong argument counts at compile time with positions', () => {
    expect(failure(() => compile('x = 1;\n  Foo(1)', { file: 'f.chs' }))).toMatchObject({
      code: 'SCRIPT_UNKNOWN_FUNCTION',
      message: 'Function Foo does not exist',
      location: { file: 'f.chs', line: 2, column: 3 },
    });
    expect(failure(() => compile('Left("a", 1, 2)')).message).toBe('Left takes 2 arguments, got 3');
    expect(failure(() => compile('Mid("a")')).message).toBe('Mid takes 2 to 3 arguments, got 1');
    expect(failure(() => compile('Null(1)')).message).toBe('Null takes no arguments, got 1');
    expect(failure(() => compile('Concat()')).message).toBe('Concat takes at least 1 argument, got 0');
    expect(failure(() => compile('If(true)')).message).toBe('If takes 2 to 3 arguments, got 1');
    expect(failure(() => compile('If(false, Foo())')).code).toBe('SCRIPT_UNKNOWN_FUNCTION');
  });

  it('prefixes function errors with the name and argument and locates them at the call', () => {
    const err = failure(() => compile('x = 1;\n  y = Fail(x)', { file: 's.chs' }).run(testEnv()));
    expect(err).toMatchObject({ code: 'SCRIPT_TYPE', message: 'Fail: argument 1 (value): bad value', location: { file: 's.chs', line: 2, column: 7 }, located: true });
    expect(err.describe()).toBe('s.chs:2:7: Fail: argument 1 (value): bad value');
  });

  it('keeps the message of RaiseError as written', () => {
    expect(failure(() => run('Raise("stop here")'))).toMatchObject({ code: 'SCRIPT_RAISED', message: 'stop here', location: { line: 1, column: 8 } });
  });

  it('turns JavaScript exceptions into SCRIPT_LIMIT or SCRIPT_FAILED', () => {
    expect(failure(() => run('Explode()'))).toMatchObject({ code: 'SCRIPT_LIMIT', message: 'Explode: Invalid string length' });
    expect(failure(() => run('Crash()'))).toMatchObject({ code: 'SCRIPT_FAILED', message: 'Crash: boom' });
  });

  it('fails calls to functions that need a missing capability only when they run', () => {
    expect(run('If(false, DBLookup("x"), 1)')).toBe(1);
    expect(failure(() => run('DBLookup("x")'))).toMatchObject({
      code: 'SCRIPT_NEEDS_CAPABILITY',
      message: 'DBLookup needs a database connection, which this engine does not provide yet',
    });
  });

  it('passes a VarRef to var parameters given a plain variable, else the value', async () => {
    expect(await both('x = 1; r = Bump(x); {x, r}')).toEqual([2, 'ref']);
    expect(await both('$g = 1; Bump($G); $g')).toBe(2);
    expect(await both('Bump(1 + 1)')).toBe('value');
  });
});

describe('compileScript: async mode', () => {
  it('rejects async functions in sync mode at compile time', () => {
    expect(failure(() => compile('x = 1;\nLater(1)'))).toMatchObject({
      code: 'SCRIPT_NOT_ALLOWED',
      message: 'Later cannot run inside a mapping formula; call it from a script step',
      location: { line: 2, column: 1 },
    });
  });

  it('awaits async functions anywhere in an expression', async () => {
    const env = testEnv({ async: true });
    const script = compile('a = {Later(1)}; a[Later(0)] += Later(2); i = 0; t = 0; While(i < Later(2), t += Later(i); i++); {a, t, If(Later(1) > 1, "y", "n"), -Later(1), Later(1) && true}', { mode: 'async' });
    expect(await script.runAsync(env)).toEqual([[6], 12, 'y', -2, true]);
  });

  it('locates and catches async failures', async () => {
    const script = compile('x = 1;\nLaterFail()', { mode: 'async' });
    expect(await asyncFailure(script.runAsync(testEnv({ async: true })))).toMatchObject({ code: 'SCRIPT_TYPE', message: 'LaterFail: rejected', location: { line: 2, column: 1 } });
    const env = testEnv({ async: true });
    expect(await compile('Eval(LaterFail(), "caught: " + Later(1))', { mode: 'async' }).runAsync(env)).toBe('caught: 2');
    expect(env.state.lastError).toBe('LaterFail: rejected');
  });

  it('cannot be run synchronously once compiled for async', () => {
    expect(failure(() => compile('1', { mode: 'async' }).run(testEnv())).code).toBe('SCRIPT_NOT_ALLOWED');
  });
});

describe('compileScript: intrinsics', () => {
  it('If and Case evaluate only the chosen branch', async () => {
    calls = 0;
    expect(await both('{If(1, "y", Count()), If(0, Count()), If("T", 1, 2), Case(false, Count(), true, 2), Case(0, 1)}')).toEqual(['y', null, 1, 2, null]);
    expect(calls).toBe(0);
    expect(failure(() => compile('Case(true, 1, false)')).code).toBe('SCRIPT_ARGUMENTS');
    expect(failure(() => run('If({1}, 1)')).message).toMatch(/^If: argument 1 \(condition\): /);
  });

  it('While loops, returns null and stops at the iteration limit', async () => {
    expect(await both('i = 0; total = 0; r = While(i < 5, total = total + i; i++); {r, total}')).toEqual([null, 10]);
    const env = testEnv({ globals: { 'jitterbit.scripting.while.max_iterations': 10 } });
    expect(run('i = 0; While(i < 10, i++); i', env)).toBe(10);
    expect(failure(() => run('i = 0;\nWhile(i < 11, i++)', env))).toMatchObject({ code: 'SCRIPT_LIMIT', location: { line: 2, column: 1 } });
    expect(failure(() => run('$jitterbit.scripting.while.max_iterations = 3; i = 0; While(true, i++)')).message).toMatch(/ran 3 times/);
  });

  it('While stops at the deadline and when the run is cancelled', () => {
    const late = testEnv();
    late.deadline = Date.now() - 1;
    expect(failure(() => run('i = 0; Eval(While(true, i++), "caught")', late))).toMatchObject({ code: 'SCRIPT_LIMIT', message: expect.stringMatching(/time limit/) });
    const cancelled = testEnv();
    cancelled.signal = { aborted: true };
    expect(failure(() => run('i = 0; IsValid(While(true, i++))', cancelled)).message).toMatch(/cancelled/);
  });

  it('Eval returns a string, or the default when the expression fails, and records the error', async () => {
    const env = testEnv();
    expect(run('Eval(1 / 0, "fallback: " + 1)', env)).toBe('fallback: 1');
    expect(env.state.lastError).toBe('Division by 0');
    expect(await both('{Eval(1 + 1, 0), Eval(Raise("x"), 5), Eval(y, Null())}')).toEqual(['2', '5', '']);
    expect(failure(() => run('Eval(1/0, 1/0)')).code).toBe('SCRIPT_DIVISION_BY_ZERO');
  });

  it('IsValid, IfNull and IfEmpty', async () => {
    calls = 0;
    expect(await both('{IsValid(1/0), IsValid(1), IfNull(Null(), "d"), IfNull(0, Count()), IfEmpty("", "d"), IfEmpty(Null(), "d"), IfEmpty({}, "d"), IfEmpty(" ", "d")}')).toEqual([
      false,
      true,
      'd',
      0,
      'd',
      'd',
      [],
      ' ',
    ]);
    expect(calls).toBe(0);
  });

  it('MapCache evaluates the value only for a missing key and stores it in the dictionary', async () => {
    calls = 0;
    const env = testEnv();
    const script = compile('MapCache($cache, _1, Count() * 10)');
    expect([script.run(env, ['a']), script.run(env, ['b']), script.run(env, ['a'])]).toEqual([10, 20, 10]);
    expect((env.globals.get('cache') as ScriptDict).toJSON()).toEqual({ a: 10, b: 20 });
    expect(await both('d = Dict(); MapCache(d, 1, "x"); MapCache(d, "1", "y")')).toBe('x');
    expect(failure(() => run('MapCache("nope", 1, 2)')).message).toBe('MapCache: argument 1 (dict): expected a dictionary, got a string');
  });

  it('ArgumentList copies the arguments into named locals', async () => {
    expect(run('ArgumentList(first, second, third); {first, second, third}', testEnv(), ['a', 'b'])).toEqual(['a', 'b', null]);
    expect(await compile('ArgumentList(a); a', { mode: 'async' }).runAsync(testEnv({ async: true }), [7])).toBe(7);
    expect(failure(() => compile('ArgumentList($g)')).code).toBe('SCRIPT_ARGUMENTS');
  });

  it('recognises intrinsics by name even when the function table lacks them', () => {
    expect(compileScript('<trans>If(true, 1)</trans>', { functions: new FunctionTable([]) }).run(testEnv())).toBe(1);
  });
});

describe('compileScript: source references and errors', () => {
  it('compiles source references with the sourceRef option only', () => {
    expect(failure(() => compile('_Root$item.id'))).toMatchObject({ code: 'SCRIPT_NOT_ALLOWED', location: { line: 1, column: 8 } });
    const script = compile('root$item.id$ + 1', { sourceRef: (path) => () => (path === 'root$item.id$' ? 41 : null) });
    expect(script.run(testEnv())).toBe(42);
  });

  it('reports syntax errors with the position of the first and a count of the others', () => {
    expect(failure(() => compileScript('<trans>\nx = 1;\n  a b; c d</trans>', { file: 'x.chs' }))).toMatchObject({
      code: 'SCRIPT_SYNTAX',
      message: 'missing semicolon or operator between two operands (and 1 more error)',
      location: { file: 'x.chs', line: 3, column: 5 },
    });
    expect(failure(() => compileScript('')).code).toBe('SCRIPT_SYNTAX');
  });

  it('runs expressions nested up to the depth limit', () => {
    const depth = LIMITS.expressionDepth - 10;
    expect(run(`${'('.repeat(depth)}1${' + 1)'.repeat(depth)}`)).toBe(depth + 1);
    expect(run(`${'- '.repeat(depth)}1`)).toBe(depth % 2 === 0 ? 1 : -1);
  });
});
