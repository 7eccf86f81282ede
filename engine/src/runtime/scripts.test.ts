import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProject, type Project } from '../core/model/project.ts';
import type { ScriptDoc } from '../core/model/script.ts';
import { loadJavaScriptEngine } from '../script/javascript.ts';
import { runOperation } from './run.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-scripts-'));
  await mkdir(path.join(dir, 'in'));
  await mkdir(path.join(dir, 'out'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function script(id: string, source: string, language: ScriptDoc['language'] = 'chorus'): ScriptDoc {
  return { id, name: id, language, source };
}

/** A project whose operations are given; a CSV -> JSON activity pair is always there. */
function project(build: (p: Project) => void): Project {
  const p = emptyProject({ formatVersion: 1, id: 'scripts-test', name: 'Scripts' });
  p.endpoints.push({ id: 'in', name: 'In', kind: 'file', settings: { folder: 'in' } });
  p.endpoints.push({ id: 'out', name: 'Out', kind: 'file', settings: { folder: 'out' } });
  p.activities.push({ id: 'read', name: 'Read CSV', type: 'read', endpoint: 'in', filter: '*.csv', format: { type: 'csv' } });
  p.activities.push({ id: 'write', name: 'Write JSON', type: 'write', endpoint: 'out', fileName: '[outName].json', format: { type: 'json', mode: 'array' } });
  p.variables.push({ id: 'out-name', name: 'outName', default: 'result' });
  build(p);
  return p;
}

/** Operation `op`: read the CSV files, transform with `map`, write JSON. */
function csvToJsonOperation(): Project['operations'][number] {
  return {
    id: 'op',
    name: 'Op',
    steps: [
      { kind: 'read', activity: 'read' },
      { kind: 'transform', transformation: 'map' },
      { kind: 'write', activity: 'write' },
    ],
  };
}

const run = (p: Project, operation: string) => runOperation(operation, { project: p, projectDir: dir, runsDir: false });

describe('script steps', () => {
  it('run an operation made of scripts only, with globals, logs and the result as preview', async () => {
    const p = project((p) => {
      p.scripts.push(script('count', '<trans>\n$count = 3;\nWriteToOperationLog("hello " + $count);\n$count * 2\n</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'count' }] });
    });
    const log = await run(p, 'op');
    expect(log.status).toBe('succeeded');
    expect(log.messages).toContainEqual({ level: 'info', code: 'SCRIPT_LOG', text: 'hello 3' });
    expect(log.variables.count).toBe(3);
    expect(log.steps).toEqual([expect.objectContaining({ name: 'count', kind: 'script' })]);
    expect(log.preview.count).toEqual([6]);
  });

  it('run before the data steps, so a script can set the target file name', async () => {
    await writeFile(path.join(dir, 'in', 'a.csv'), 'id,qty\n1,2\n');
    const p = project((p) => {
      p.scripts.push(script('name', '<trans>$outName = "from-" + "script"</trans>'));
      p.transformations.push({ id: 'map', name: 'Map', fields: [{ name: 'id', from: 'id' }] });
      p.operations.push({
        id: 'op',
        name: 'Op',
        steps: [
          { kind: 'script', script: 'name' },
          { kind: 'read', activity: 'read' },
          { kind: 'transform', transformation: 'map' },
          { kind: 'write', activity: 'write' },
        ],
      });
    });
    const log = await run(p, 'op');
    expect(log.status, JSON.stringify(log.messages)).toBe('succeeded');
    expect(JSON.parse(await readFile(path.join(dir, 'out', 'from-script.json'), 'utf8'))).toEqual([{ id: '1' }]);
  });

  it('fail the run with the error code, the script file and line:column (RaiseError)', async () => {
    const p = project((p) => {
      p.scripts.push(script('fail', '<trans>\nx = 1;\n  RaiseError("order " + x + " is invalid")\n</trans>'));
      p.scripts.push(script('report', '<trans>$seen = $jitterbit.operation.last_error</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'fail' }], onFailure: ['report'] });
      p.operations.push({ id: 'report', name: 'Report', steps: [{ kind: 'script', script: 'report' }] });
    });
    const log = await run(p, 'op');
    expect(log.status).toBe('failed');
    const error = log.messages.find((m) => m.level === 'error');
    expect(error).toMatchObject({ code: 'SCRIPT_RAISED', step: 'fail', file: 'scripts/fail.chs', line: 3, column: 3 });
    expect(error?.text).toContain('order 1 is invalid');
    expect(log.children[0].status).toBe('succeeded');
    expect(String(log.children[0].variables.seen)).toContain('order 1 is invalid');
  });

  it('report a syntax error before anything runs', async () => {
    const p = project((p) => {
      p.scripts.push(script('bad', '<trans>\n$a = 1;\n$b = (2 + ;\n</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'bad' }] });
    });
    const log = await run(p, 'op');
    expect(log.status).toBe('failed');
    expect(log.messages.find((m) => m.level === 'error')).toMatchObject({ code: 'SCRIPT_SYNTAX', file: 'scripts/bad.chs', line: 3 });
    expect(log.variables.a).toBeUndefined();
  });

  it('RunOperation runs another operation in the chain and shares its globals', async () => {
    const p = project((p) => {
      p.scripts.push(script('caller', '<trans>ok = RunOperation("<TAG>operation:Callee</TAG>"); $afterCall = $fromCallee + "!"; ok</trans>'));
      p.scripts.push(script('callee', '<trans>$fromCallee = "yes"</trans>'));
      p.scripts.push(script('failing', '<trans>RaiseError("nope")</trans>'));
      p.scripts.push(script('tries', '<trans>$ok = RunOperation("Failing"); $why = GetLastError()</trans>'));
      p.operations.push({ id: 'caller', name: 'Caller', steps: [{ kind: 'script', script: 'caller' }] });
      p.operations.push({ id: 'callee', name: 'Callee', steps: [{ kind: 'script', script: 'callee' }] });
      p.operations.push({ id: 'failing', name: 'Failing', steps: [{ kind: 'script', script: 'failing' }] });
      p.operations.push({ id: 'tries', name: 'Tries', steps: [{ kind: 'script', script: 'tries' }] });
    });
    const log = await run(p, 'caller');
    expect(log.status).toBe('succeeded');
    expect(log.variables).toMatchObject({ fromCallee: 'yes', afterCall: 'yes!' });
    expect(log.preview.caller).toEqual([true]);
    expect(log.children.map((c) => c.operation)).toEqual(['callee']);
    const tries = await run(p, 'tries');
    expect(tries.status).toBe('succeeded');
    expect(tries.variables.ok).toBe(false);
    expect(String(tries.variables.why)).toContain('nope');
  });

  it('RunScript passes arguments, and the called script reads them with ArgumentList', async () => {
    const p = project((p) => {
      p.scripts.push(script('main', '<trans>RunScript("<TAG>script:multiply</TAG>", 6, 7)</trans>'));
      p.scripts.push(script('multiply', '<trans>ArgumentList(a, b); a * b</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'main' }] });
    });
    const log = await run(p, 'op');
    expect(log.status, JSON.stringify(log.messages)).toBe('succeeded');
    expect(log.preview.main).toEqual(['42']);
  });

  it('runs JavaScript script steps in the sandbox with the host functions', async () => {
    await loadJavaScriptEngine();
    const p = project((p) => {
      p.scripts.push(script('js', 'SetVar("js", Left("JavaScript", 4)); WriteToOperationLog("from js"); 1 + 1', 'javascript'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'js' }] });
    });
    const log = await run(p, 'op');
    expect(log.status, JSON.stringify(log.messages)).toBe('succeeded');
    expect(log.variables.js).toBe('Java');
    expect(log.messages).toContainEqual({ level: 'info', code: 'SCRIPT_LOG', text: 'from js' });
  });

  it('WriteFile writes through a write activity once the operation succeeded', async () => {
    const p = project((p) => {
      p.scripts.push(script('w', '<trans>WriteFile("<TAG>activity:Write JSON</TAG>", "hello", "note.txt")</trans>'));
      p.scripts.push(script('w-fail', '<trans>WriteFile("<TAG>activity:Write JSON</TAG>", "hello", "lost.txt"); RaiseError("stop")</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'w' }] });
      p.operations.push({ id: 'fail', name: 'Fail', steps: [{ kind: 'script', script: 'w-fail' }] });
    });
    expect((await run(p, 'op')).status).toBe('succeeded');
    expect(await readFile(path.join(dir, 'out', 'note.txt'), 'utf8')).toBe('hello');
    expect((await run(p, 'fail')).status).toBe('failed');
    expect(existsSync(path.join(dir, 'out', 'lost.txt'))).toBe(false);
  });
});

describe('script limits', () => {
  it('stop a busy script at the operation timeout, and the engine keeps running', async () => {
    const p = project((p) => {
      p.scripts.push(script('busy', '<trans>$jitterbit.scripting.while.max_iterations = 1000000000; i = 0; While(true, i++)</trans>'));
      p.scripts.push(script('quick', '<trans>1</trans>'));
      p.operations.push({ id: 'busy', name: 'Busy', steps: [{ kind: 'script', script: 'busy' }], options: { timeoutSeconds: 0.3 } });
      p.operations.push({ id: 'quick', name: 'Quick', steps: [{ kind: 'script', script: 'quick' }] });
    });
    const started = Date.now();
    const log = await run(p, 'busy');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(log.status).toBe('failed');
    expect(log.messages.find((m) => m.level === 'error')).toMatchObject({ code: 'SCRIPT_LIMIT', step: 'busy' });
    expect((await run(p, 'quick')).status).toBe('succeeded');
  });

  it('stop a While loop at its iteration limit with SCRIPT_LIMIT', async () => {
    const p = project((p) => {
      p.scripts.push(script('loop', '<trans>While(true, 1)</trans>'));
      p.operations.push({ id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'loop' }] });
    });
    const log = await run(p, 'op');
    expect(log.messages.find((m) => m.level === 'error')).toMatchObject({ code: 'SCRIPT_LIMIT', file: 'scripts/loop.chs', line: 1 });
  });
});

describe('formulas in transformations', () => {
  it('read source fields by reference path, call functions and set globals', async () => {
    await writeFile(path.join(dir, 'in', 'a.csv'), 'id,name,qty\n1,ada,2\n2,grace,\n');
    const p = project((p) => {
      p.transformations.push({
        id: 'map',
        name: 'Map',
        fields: [
          { name: 'id', from: 'id' },
          { name: 'name', formula: '<trans>ToUpper(row$name)</trans>' },
          { name: 'double', formula: '<trans>If(Length(qty$) > 0, Int(row$qty) * 2, Null())</trans>' },
          { name: 'running', formula: '<trans>$total += Int(row$qty); $total</trans>' },
          { name: 'literal', formula: 'plain text' },
        ],
      });
      p.operations.push(csvToJsonOperation());
    });
    const log = await run(p, 'op');
    expect(log.status, JSON.stringify(log.messages)).toBe('succeeded');
    expect(JSON.parse(await readFile(path.join(dir, 'out', 'result.json'), 'utf8'))).toEqual([
      { id: '1', name: 'ADA', double: 4, running: 2, literal: 'plain text' },
      { id: '2', name: 'GRACE', running: 2, literal: 'plain text' },
    ]);
    expect(log.variables.total).toBe(2);
  });

  it('fail with the field, the record and the function when a formula fails', async () => {
    await writeFile(path.join(dir, 'in', 'a.csv'), 'id,when\n1,2024-01-01\n2,not a date\n');
    const p = project((p) => {
      p.transformations.push({ id: 'map', name: 'Map', fields: [{ name: 'when', formula: '<trans>FormatDate(row$when, "yyyy")</trans>' }] });
      p.operations.push(csvToJsonOperation());
    });
    const log = await run(p, 'op');
    expect(log.status).toBe('failed');
    const error = log.messages.find((m) => m.level === 'error');
    expect(error).toMatchObject({ code: 'SCRIPT_FAILED', step: 'Map', record: 1, path: 'when' });
    expect(error?.text).toMatch(/FormatDate.*not a date/);
    expect(existsSync(path.join(dir, 'out', 'result.json'))).toBe(false);
  });
});
