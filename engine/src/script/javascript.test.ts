import { beforeAll, describe, expect, test } from 'vitest';
import { testEnv } from '../../script/test-host.ts';
import type { ScriptEnv } from '../core/script/env.ts';
import { failed, ScriptError } from '../core/script/errors.ts';
import { FunctionTable } from '../core/script/functions/registry.ts';
import type { FunctionImpl, FunctionSpec, ParamType } from '../core/script/functions/types.ts';
import { ScriptDate, ScriptDict, typeOf, type ScriptValue } from '../core/script/values.ts';
import { loadJavaScriptEngine, runJavaScript, runJavaScriptSync, type JavaScriptOptions } from './javascript.ts';

function spec(name: string, params: ParamType[], impl: FunctionImpl, extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return { name, category: 'general', summary: '', examples: [], signatures: [{ params: params.map((type, i) => ({ name: `a${i}`, type })), returns: 'type' }], impl, ...extra };
}

/** A small library standing in for the built-ins while other workers fill them. */
const fakes = new FunctionTable([
  spec('Left', ['string', 'int'], ([s, n]) => String(s).slice(0, Number(n))),
  spec('TypeOf', ['type'], ([v]) => typeOf(v ?? null)),
  spec('Echo', ['type'], ([v]) => v ?? null),
  spec('MakeDict', [], () => {
    const d = new ScriptDict();
    d.set('when', new ScriptDate(Date.UTC(2024, 2, 5, 14, 7, 9)));
    d.set('bytes', new Uint8Array([0, 255, 16]));
    d.set('list', [1, 'two', null]);
    return d;
  }),
  spec('Fail', [], () => {
    throw failed('the file is missing');
  }),
  spec('Wait', ['int'], async ([ms]) => {
    await new Promise((resolve) => setTimeout(resolve, Number(ms)));
    return 'waited';
  }, { async: true }),
  spec('If', ['bool', 'type', 'type'], () => null, { intrinsic: true }),
  spec('Date', ['string'], ([s]) => new ScriptDate(Date.parse(`${String(s)}Z`))),
]);

function sync(source: string, options: Partial<JavaScriptOptions> = {}): ScriptValue {
  return runJavaScriptSync(source, { env: testEnv(), functions: fakes, file: 'scripts/s2.js', ...options });
}

function syncError(source: string, options: Partial<JavaScriptOptions> = {}): ScriptError {
  try {
    sync(source, options);
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error('the script did not fail');
}

async function asyncError(promise: Promise<unknown>): Promise<ScriptError> {
  const e = await promise.then(() => new Error('the script did not fail'), (error: unknown) => error);
  if (e instanceof ScriptError) return e;
  throw e;
}

test('runJavaScriptSync asks for loadJavaScriptEngine() before it is loaded', () => {
  expect(() => runJavaScriptSync('1', { env: testEnv() })).toThrow(/await loadJavaScriptEngine\(\)/);
});

describe('sync runs', () => {
  beforeAll(() => loadJavaScriptEngine());

  test('the result is the completion value of the script', () => {
    expect(sync('let x = 20;\nx + 1')).toBe(21);
    expect(sync('const items = [1, 2, 3]; items.map((n) => n * 2)')).toEqual([2, 4, 6]);
    expect(sync('if (true) { "yes" } else { "no" }')).toBe('yes');
    expect(sync('let unused = 1;')).toBe(null);
  });

  test('JavaScript values become script values', () => {
    const result = sync('({ n: 1.5, s: "x", b: true, nothing: null, missing: undefined, when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), bytes: new Uint8Array([1, 2]), nested: [[1], { k: "v" }] })');
    expect(result).toBeInstanceOf(ScriptDict);
    const dict = result as ScriptDict;
    expect(dict.keys()).toEqual(['b', 'bytes', 'missing', 'n', 'nested', 'nothing', 's', 'when']);
    expect(dict.get('n')).toBe(1.5);
    expect(dict.get('missing')).toBe(null);
    expect((dict.get('when') as ScriptDate).toString()).toBe('2024-01-02 03:04:05');
    expect(dict.get('bytes')).toEqual(new Uint8Array([1, 2]));
    expect((dict.get('nested') as ScriptValue[])[1]).toBeInstanceOf(ScriptDict);
    expect(sync('NaN')).toBeNaN();
    expect(sync('-Infinity')).toBe(-Infinity);
  });

  test('arguments go to functions as script values and results come back as JavaScript values', () => {
    expect(sync('[TypeOf(1), TypeOf(1.5), TypeOf("s"), TypeOf(true), TypeOf(null), TypeOf(undefined), TypeOf([1]), TypeOf({a: 1}), TypeOf(new Date()), TypeOf(new Uint8Array(2))]')).toEqual(['int', 'double', 'string', 'bool', 'null', 'null', 'array', 'dictionary', 'date', 'binary']);
    const seen = sync(`
      const d = MakeDict();
      [Object.getPrototypeOf(d) === Object.prototype, d.when instanceof Date, d.when.getUTCHours(), d.bytes instanceof Uint8Array, Array.from(d.bytes), d.list]`);
    expect(seen).toEqual([true, true, 14, true, [0, 255, 16], [1, 'two', null]]);
    expect(sync('Echo({ "$": "d", v: 1 })')).toEqual(Object.assign(new ScriptDict(), { entries: new Map<string, ScriptValue>([['$', 'd'], ['v', 1]]) }));
  });

  test('a value that contains itself cannot be passed', () => {
    const error = syncError('const a = []; a.push(a); Echo(a)');
    expect(error.code).toBe('SCRIPT_JS_ERROR');
    expect(error.message).toMatch(/contains itself/);
  });

  test('arguments are available as _1, _2 and args', () => {
    expect(sync('[_1, _2.k, args.length]', { args: [7, Object.assign(new ScriptDict(), { entries: new Map([['k', 'v']]) })] })).toEqual([7, 'v', 2]);
    expect(sync('typeof _1 + " " + args.length')).toBe('undefined 0');
  });

  test('GetVar and SetVar reach the globals, case-insensitively', () => {
    const env = testEnv({ globals: { Total: 5 } });
    expect(sync('SetVar("count", GetVar("total") + 1); GetVar("COUNT")', { env })).toBe(6);
    expect(env.globals.get('Count')).toBe(6);
    expect(sync('GetVar("never.set")', { env })).toBe(null);
  });

  test('WriteToOperationLog and console write to the operation log', () => {
    const env = testEnv();
    sync('WriteToOperationLog("starting"); console.log("n =", 3, { a: [1] }); console.warn("careful"); console.error(new Error("bad"))', { env });
    expect(env.host.messages).toEqual([
      { level: 'info', message: 'starting' },
      { level: 'info', message: 'n = 3 {"a":[1]}' },
      { level: 'warning', message: 'careful' },
      { level: 'error', message: 'Error: bad' },
    ]);
  });

  test('library functions are global functions by canonical name; intrinsics are not exposed', () => {
    expect(sync('Left("abcdef", 2)')).toBe('ab');
    expect(sync('typeof If')).toBe('undefined');
    expect(sync('typeof left')).toBe('undefined');
    expect(sync('typeof Left + " " + Left.name')).toBe('function Left');
  });

  test('a library function never hides a standard built-in; every function is also under Chorus', () => {
    expect(sync('new Date(0).getTime()')).toBe(0);
    expect(sync('Chorus.Date("2024-03-05 10:00:00")')).toEqual(new ScriptDate(Date.UTC(2024, 2, 5, 10)));
    expect(sync('Chorus.Left === Left')).toBe(true);
  });

  test('errors of functions are exceptions the script can catch, with their code', () => {
    expect(sync('try { Fail() } catch (e) { [e instanceof Error, e.code, e.message] }')).toEqual([true, 'SCRIPT_FAILED', 'the file is missing']);
    expect(sync('try { Left("abc") } catch (e) { e.code }')).toBe('SCRIPT_ARGUMENTS');
  });

  test('an uncaught function error keeps its code and points at the call', () => {
    const error = syncError('let a = 1;\nlet b = Fail();');
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toBe('the file is missing');
    // QuickJS places a call at its opening parenthesis
    expect(error.location).toEqual({ file: 'scripts/s2.js', line: 2, column: 13 });
  });

  test('a script cannot give its own exception an engine code', () => {
    const error = syncError('throw Object.assign(new Error("mine"), { code: "SCRIPT_LIMIT" })');
    expect(error.code).toBe('SCRIPT_JS_ERROR');
    expect(error.message).toBe('Error: mine');
  });

  test('a syntax error gives SCRIPT_JS_ERROR with file, line and column', () => {
    const error = syncError('let total = 1;\nlet x = total +* 2;');
    expect(error.code).toBe('SCRIPT_JS_ERROR');
    expect(error.message).toMatch(/^SyntaxError: /);
    expect(error.location).toEqual({ file: 'scripts/s2.js', line: 2, column: 16 });
    expect(error.describe()).toMatch(/^scripts\/s2\.js:2:16: SyntaxError/);
  });

  test('a thrown exception gives SCRIPT_JS_ERROR with its message and line', () => {
    const error = syncError('function check(n) {\n  if (n > 1) throw new RangeError("too big: " + n);\n}\ncheck(5);');
    expect(error.code).toBe('SCRIPT_JS_ERROR');
    expect(error.message).toBe('RangeError: too big: 5');
    expect(error.location).toMatchObject({ file: 'scripts/s2.js', line: 2 });
    expect(syncError('throw "plain"').message).toBe('uncaught exception: plain');
    expect(syncError('throw { reason: 1 }').message).toBe('uncaught exception: {"reason":1}');
  });

  test('a promise result is settled before the script ends', () => {
    expect(sync('Promise.resolve(2).then((n) => n * 2)')).toBe(4);
    expect(sync('(async () => Left("xyz", 1))()')).toBe('x');
    expect(syncError('Promise.reject(new TypeError("no"))').message).toBe('TypeError: no');
    expect(syncError('new Promise(() => {})').code).toBe('SCRIPT_JS_ERROR');
  });

  test('async host functions are refused with SCRIPT_NOT_ALLOWED', () => {
    const env = testEnv({ host: { operations: { run: () => Promise.resolve(true) } } });
    expect(syncError('RunOperation("<TAG>operation:Load</TAG>")', { env }).code).toBe('SCRIPT_NOT_ALLOWED');
    expect(syncError('Wait(1)').code).toBe('SCRIPT_NOT_ALLOWED');
    expect(sync('try { Wait(1) } catch (e) { e.code }')).toBe('SCRIPT_NOT_ALLOWED');
  });

  test('a script can run another script synchronously (RunScript from a formula)', () => {
    const table = new FunctionTable([...fakes.functions, spec('RunJs', ['string'], ([src], env) => runJavaScriptSync(String(src), { env, functions: fakes }))]);
    expect(sync('RunJs("Left(\'inner\', 2)") + " outer"', { functions: table })).toBe('in outer');
    const started = Date.now();
    expect(sync('try { RunJs("while (true) {}") } catch (e) { e.code }', { functions: table, timeLimitMs: 200 })).toBe('SCRIPT_LIMIT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('each run starts from a fresh context', () => {
    sync('globalThis.leftover = 1; Object.prototype.polluted = true; Left = () => "replaced"');
    expect(sync('[typeof leftover, typeof ({}).polluted, Left("abc", 1)]')).toEqual(['undefined', 'undefined', 'a']);
  });

  test('a script that replaces JSON or Array methods breaks only itself', () => {
    expect(sync('JSON.stringify = () => "{}"; JSON.parse = () => ({}); Array.prototype.map = null; Left("abc", 2)')).toBe('ab');
  });
});

describe('the sandbox', () => {
  beforeAll(() => loadJavaScriptEngine());

  test('names that would reach the host are undefined', () => {
    const names = ['require', 'process', 'module', 'exports', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'std', 'os', 'global', '__dirname', 'navigator'];
    expect(sync(`[${names.map((n) => `typeof ${n}`).join(', ')}]`)).toEqual(names.map(() => 'undefined'));
    expect(syncError('require("fs")').message).toBe("ReferenceError: 'require' is not defined");
    expect(syncError('process.exit(1)').code).toBe('SCRIPT_JS_ERROR');
    expect(syncError('fetch("http://example.com")').code).toBe('SCRIPT_JS_ERROR');
    expect(syncError('new XMLHttpRequest()').code).toBe('SCRIPT_JS_ERROR');
  });

  test('globalThis holds only standard built-ins and the host API', () => {
    const standard = new Set([
      ...'Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError InternalError globalThis JSON Math Reflect Proxy Map Set WeakMap WeakSet WeakRef FinalizationRegistry Iterator'.split(' '),
      ...'ArrayBuffer SharedArrayBuffer DataView Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float16Array Float32Array Float64Array BigInt64Array BigUint64Array BigInt'.split(' '),
      ...'decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape eval isFinite isNaN'.split(' '),
      ...'console args Chorus GetVar SetVar WriteToOperationLog RunOperation'.split(' '),
      ...fakes.functions.filter((f) => !f.intrinsic).map((f) => f.name),
    ]);
    const names = sync('Object.getOwnPropertyNames(globalThis)') as string[];
    expect(names.filter((n) => !standard.has(n))).toEqual([]);
    expect(sync('Function("return this")() === globalThis')).toBe(true);
  });

  test('modules cannot be imported', () => {
    expect(sync('import("fs").then(() => "loaded", (e) => "refused: " + e.message)')).toMatch(/^refused: /);
    expect(sync('import("node:child_process").then(() => "loaded", () => "refused")')).toBe('refused');
    expect(syncError('import fs from "fs";\nfs').code).toBe('SCRIPT_JS_ERROR');
  });

  test('an infinite loop is stopped by the time limit, and the engine keeps running', () => {
    const started = Date.now();
    const error = syncError('let n = 0;\nwhile (true) { n++ }', { timeLimitMs: 200 });
    expect(error.code).toBe('SCRIPT_LIMIT');
    expect(error.message).toBe('the script ran longer than 200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(syncError('try { while (true) {} } catch (e) { "caught" }', { timeLimitMs: 100 }).code).toBe('SCRIPT_LIMIT');
    expect(sync('Left("still running", 5)')).toBe('still');
  });

  test('the run deadline and cancellation stop a script too', async () => {
    const late: ScriptEnv = { ...testEnv(), deadline: Date.now() + 100 };
    expect(syncError('for (;;) {}', { env: late }).message).toBe('the script ran longer than its time limit');
    // The script holds the thread while it computes, so the run is cancelled while it waits for the host.
    const signal = { aborted: false };
    setTimeout(() => (signal.aborted = true), 10);
    const error = await asyncError(runJavaScript('Wait(50);\nfor (;;) {}', { env: { ...testEnv({ async: true }), signal }, functions: fakes }));
    expect(error.code).toBe('SCRIPT_LIMIT');
    expect(error.message).toBe('the run was cancelled');
  });

  test('a huge allocation is stopped by the memory limit, and the engine keeps running', () => {
    // QuickJS takes seconds to give up on this one: repeat() retries each character once over the limit
    const strings = syncError('let a = [];\nwhile (true) a.push("x".repeat(1e6));');
    expect(strings.code).toBe('SCRIPT_LIMIT');
    expect(strings.message).toBe('the script used more than 64 MiB of memory');
    expect(strings.location).toMatchObject({ file: 'scripts/s2.js', line: 2 });
    const array = syncError('new Array(1e9).fill(0)', { memoryLimitBytes: 16 * 1024 * 1024 });
    expect(array.code).toBe('SCRIPT_LIMIT');
    expect(array.message).toBe('the script used more than 16 MiB of memory');
    expect(syncError('const kept = [];\nfor (;;) kept.push(new Uint8Array(1e6))').code).toBe('SCRIPT_LIMIT');
    expect(sync('new Array(1000).fill(1).length')).toBe(1000);
  });

  test('deep recursion is stopped by the stack limit, and the engine keeps running', () => {
    const error = syncError('function down(n) { return down(n + 1) + 1 }\ndown(0)');
    expect(error.code).toBe('SCRIPT_LIMIT');
    expect(error.message).toMatch(/stack limit/);
    expect(sync('function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) } depth(500)')).toBe(500);
  });

  test('nesting that exhausts Node’s own stack gives SCRIPT_LIMIT and a fresh engine', async () => {
    const error = syncError('eval("[".repeat(100000) + "]".repeat(100000))');
    expect(error.code).toBe('SCRIPT_LIMIT');
    await loadJavaScriptEngine();
    expect(sync('JSON.stringify([[1]])')).toBe('[[1]]');
  });
});

describe('async runs', () => {
  const operations = () => {
    const ran: string[] = [];
    return {
      ran,
      run: async (ref: string, syncRun: boolean) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ran.push(`${ref}${syncRun ? '' : ' (queued)'}`);
        return ref !== 'Broken';
      },
    };
  };

  test('RunOperation and async functions are awaited', async () => {
    const ops = operations();
    const env = testEnv({ async: true, host: { operations: ops } });
    const result = await runJavaScript('const ok = RunOperation("Load");\nconst bad = RunOperation("Broken", false);\n[ok, bad, Wait(5), Left("abc", 1)]', { env, functions: fakes });
    expect(result).toEqual([true, false, 'waited', 'a']);
    expect(ops.ran).toEqual(['Load', 'Broken (queued)']);
  });

  test('the functions see an env in async mode', async () => {
    const seen: boolean[] = [];
    const table = new FunctionTable([spec('Mode', [], (_args, env) => (seen.push(env.async), null))]);
    await runJavaScript('Mode()', { env: testEnv(), functions: table });
    runJavaScriptSync('Mode()', { env: testEnv({ async: true }), functions: table });
    expect(seen).toEqual([true, false]);
  });

  test('RunOperation without the operations capability is SCRIPT_NEEDS_CAPABILITY', async () => {
    const env = testEnv({ async: true });
    expect(await runJavaScript('try { RunOperation("Load") } catch (e) { e.code }', { env, functions: fakes })).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect((await asyncError(runJavaScript('RunOperation("Load")', { env, functions: fakes }))).code).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  test('time spent waiting for the host does not count against the time limit', async () => {
    const env = testEnv({ async: true });
    expect(await runJavaScript('Wait(300)', { env, functions: fakes, timeLimitMs: 200 })).toBe('waited');
  });

  test('async functions cannot be called from promise callbacks', async () => {
    const env = testEnv({ async: true });
    const error = await asyncError(runJavaScript('Promise.resolve().then(() => Wait(1))', { env, functions: fakes }));
    expect(error.code).toBe('SCRIPT_NOT_ALLOWED');
  });

  test('runs in parallel and nested runs each get their own engine', async () => {
    const inner: FunctionSpec = spec('Inner', [], async (_args, env) => runJavaScript('Wait(10) + " inside"', { env, functions: fakes }), { async: true });
    const table = new FunctionTable([...fakes.functions, inner]);
    const env = testEnv({ async: true });
    const results = await Promise.all([1, 2, 3].map((n) => runJavaScript(`Wait(${10 * n}) + " ${n}"; Inner() + " ${n}"`, { env, functions: table })));
    expect(results).toEqual(['waited inside 1', 'waited inside 2', 'waited inside 3']);
  });

  test('a script suspends from nested calls, and too deep a stack is refused instead of crashing', async () => {
    const env = testEnv({ async: true });
    const down = 'function down(n) { return n === 0 ? Wait(1) : down(n - 1) }\n';
    expect(await runJavaScript(`${down}[1, 2].map(() => down(5))`, { env, functions: fakes })).toEqual(['waited', 'waited']);
    const error = await asyncError(runJavaScript(`${down}down(14)`, { env, functions: fakes }));
    expect(error.code).toBe('SCRIPT_LIMIT');
    expect(error.message).toMatch(/^Wait can wait only from code nested at most 12 calls deep/);
    // Once V8 optimises the asyncify build, 40 frames can exhaust Node's stack before QuickJS's limit: still SCRIPT_LIMIT
    expect((await asyncError(runJavaScript(`${down}down(40)`, { env, functions: fakes }))).code).toBe('SCRIPT_LIMIT');
    expect(await runJavaScript('Wait(1)', { env, functions: fakes })).toBe('waited');
  });

  test('limits work in async mode too', async () => {
    const env = testEnv({ async: true });
    expect((await asyncError(runJavaScript('while (true) {}', { env, functions: fakes, timeLimitMs: 100 }))).code).toBe('SCRIPT_LIMIT');
    expect((await asyncError(runJavaScript('let a = []; while (true) a.push(new Uint8Array(1e6))', { env, functions: fakes }))).code).toBe('SCRIPT_LIMIT');
    expect((await asyncError(runJavaScript('function f() { return f() + 1 } f()', { env, functions: fakes }))).code).toBe('SCRIPT_LIMIT');
    expect((await asyncError(runJavaScript('x +* 1', { env, functions: fakes, file: 'a.js' }))).location).toEqual({ file: 'a.js', line: 1, column: 4 });
    expect(await runJavaScript('Wait(1)', { env, functions: fakes })).toBe('waited');
  });
});

test('running many scripts does not grow memory without bound', async () => {
  await loadJavaScriptEngine();
  const env = testEnv({ async: true });
  const work = 'const d = MakeDict(); const big = new Array(2000).fill("abc").map((s, i) => s + i); try { Fail() } catch (e) {} [Left(d.list[1], 2), big.length, _1]';
  const batch = async (n: number) => {
    for (let i = 0; i < n; i++) {
      expect(sync(work, { args: [i] })).toEqual(['tw', 2000, i]);
      expect(await runJavaScript(work, { env, functions: fakes, args: [i] })).toEqual(['tw', 2000, i]);
      if (i % 10 === 0) expect(syncError('let a = []; while (true) a.push(new Uint8Array(1e5))', { memoryLimitBytes: 4 * 1024 * 1024 }).code).toBe('SCRIPT_LIMIT');
    }
  };
  await batch(30);
  const before = process.memoryUsage().external;
  await batch(300);
  // wasm memory counts as external; a leaked runtime or context per run would add tens of MB
  expect(process.memoryUsage().external - before).toBeLessThan(8 * 1024 * 1024);
}, 120_000);
