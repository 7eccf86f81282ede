import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../project/store.ts';
import { runChorus } from './test-cli.ts';
import { templatesDir } from './commands/new.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chorus-cli-'));
});
afterEach(() => rm(work, { recursive: true, force: true }));

function chorus(args: string[], stdin = '') {
  return runChorus(args, { cwd: work, stdin });
}

/** A copy of a bundled example in the test's own folder, so runs never touch the repository. */
async function example(name: string): Promise<string> {
  const dir = path.join(work, name);
  await cp(path.join(templatesDir, name), dir, { recursive: true });
  return dir;
}

describe('chorus run on the examples', () => {
  it('csv-orders-to-json writes typed JSON orders', async () => {
    const dir = await example('csv-orders-to-json');
    const r = await chorus(['run', dir, 'convert-orders']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Convert orders: succeeded/);
    const written = JSON.parse(await readFile(path.join(dir, 'data/out/orders.json'), 'utf8'));
    expect(written.orders).toHaveLength(3);
    expect(written.orders[1]).toEqual({
      id: 'SO-1002',
      date: '2026-11-03',
      customer: { name: 'Hopper, Grace', email: 'grace@example.com', country: 'US', countryName: 'United States' },
      total: 42,
      size: 'medium',
      paid: false,
      channel: 'web',
      weekday: 'Tuesday',
      reference: 'US-1002',
    });
    // The formulas count the orders in a global; the script step after the write logs it.
    expect(r.stdout).toContain('info SCRIPT_LOG: 3 orders written to orders.json');
  });

  it('json-to-xml writes nested loops as XML', async () => {
    const dir = await example('json-to-xml');
    const r = await chorus(['run', dir, 'export-orders', '--json']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log.steps.map((s: { recordsOut: number }) => s.recordsOut)).toEqual([2, 2, 2]);
    const xml = await readFile(path.join(dir, 'data/out/orders.xml'), 'utf8');
    // units and line come from formulas: a Sum over every item (#) and the item loop's RecordCount.
    expect(xml).toContain('<order id="SO-2001" date="2026-11-20" units="3">');
    expect(xml).toMatch(/<item line="1" sku="BK-001" quantity="2" order="SO-2001">/);
    expect(xml).toMatch(/<item line="2" sku="PN-010" quantity="1" order="SO-2001">/);
    expect(xml).toContain('<option name="message">Happy &lt;birthday&gt; &amp; more</option>');
    expect(xml.match(/<item /g)).toHaveLength(3);
    expect(xml.match(/<option /g)).toHaveLength(3);
  });

  it('error-report-chain fails, runs its on-failure operation and writes nothing else', async () => {
    const dir = await example('error-report-chain');
    const r = await chorus(['run', dir, 'import-payments', '--json']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log).toMatchObject({ operation: 'import-payments', status: 'failed' });
    expect(log.messages[0]).toMatchObject({ code: 'TRANSFORM_TYPE', step: 'Row to payment', record: 2 });
    expect(log.children).toHaveLength(1);
    expect(log.children[0]).toMatchObject({ operation: 'write-error-report', status: 'succeeded' });
    const report = await readFile(path.join(dir, 'data/out/error-report.csv'), 'utf8');
    expect(report.split('\n')[0]).toBe('operation,code,step,record,message');
    expect(report).toContain('Import payments,TRANSFORM_TYPE,Row to payment,2,');
    expect(await readdir(path.join(dir, 'data/out'))).not.toContain('payments.json');
  });
});

describe('chorus run output and exit codes', () => {
  it('--json prints the run log and nothing else', async () => {
    const dir = await example('csv-orders-to-json');
    const r = await chorus(['run', dir, 'convert-orders', '--json', '--var', 'outputName=custom']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    for (const key of ['id', 'operation', 'status', 'startedAt', 'endedAt', 'steps', 'messages', 'preview', 'children']) expect(log).toHaveProperty(key);
    expect(log.targets).toEqual(['data/out/custom.json']);
    expect(r.stderr).toBe('');
  });

  it('exits 2 for an unknown operation, a bad --var and an unknown command', async () => {
    const dir = await example('csv-orders-to-json');
    expect((await chorus(['run', dir, 'nope'])).code).toBe(2);
    const bad = await chorus(['run', dir, 'convert-orders', '--var', 'novalue']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--var expects name=value');
    expect((await chorus(['frobnicate'])).code).toBe(2);
    expect((await chorus(['run', dir])).code).toBe(2);
  });

  it('exits 2 with file: path: message for an invalid project, and runs nothing', async () => {
    const dir = await example('csv-orders-to-json');
    const file = path.join(dir, 'activities/write-orders.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), bogus: 1 }));
    const r = await chorus(['run', dir, 'convert-orders']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}/activities/write-orders.json: $.bogus: unknown field "bogus"`);
    expect(r.stderr).not.toContain('does not exist');
    expect(await readdir(path.join(dir, 'data/out'))).toEqual(['.gitkeep']);
  });
});

describe('chorus validate, new and help', () => {
  it('validates every example', async () => {
    for (const name of await readdir(templatesDir)) {
      const r = await chorus(['validate', path.join(templatesDir, name)]);
      expect(r.stderr, name).toBe('');
      expect(r.code, name).toBe(0);
    }
  });

  it('keeps every example in canonical form (a load and save changes nothing)', async () => {
    for (const name of await readdir(templatesDir)) {
      const loaded = await loadProject(path.join(templatesDir, name));
      expect(loaded.problems, name).toEqual([]);
      const copy = await example(name);
      expect((await saveProject(copy, loaded.project!, loaded)).written, name).toEqual([]);
    }
  });

  it('reports malformed JSON with line and column', async () => {
    const dir = await example('json-to-xml');
    await writeFile(path.join(dir, 'operations/export-orders.json'), '{\n  "id": "export-orders",\n  "name": }\n');
    const r = await chorus(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/operations\/export-orders\.json:3:\d+: \$: not valid JSON/);
  });

  it('creates a project from a template and an empty one', async () => {
    const r = await chorus(['new', 'fresh', '--template', 'csv-orders-to-json']);
    expect(r.code).toBe(0);
    expect((await chorus(['validate', 'fresh'])).code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(work, 'fresh/chorus.json'), 'utf8'));
    expect(manifest.name).toBe('fresh');
    expect(manifest.id).not.toBe('ex-csv-orders-to-json');
    expect((await chorus(['run', 'fresh', 'convert-orders'])).code).toBe(0);

    expect((await chorus(['new', 'empty'])).code).toBe(0);
    expect((await chorus(['validate', 'empty'])).stdout).toContain('valid (0 components)');
    const again = await chorus(['new', 'fresh']);
    expect(again.code).toBe(2);
    expect((await chorus(['new', 'x', '--template', 'nope'])).stderr).toContain('no template "nope"');
  });

  it('prints help for the program and per command', async () => {
    const top = await chorus(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['new', 'validate', 'run']) expect(top.stdout).toContain(c);
    const run = await chorus(['help', 'run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--var <name=value>');
    expect(run.stdout).toContain('Exit codes');
  });
});

describe('the chorus binary', () => {
  it('runs from the repository with npx after npm ci', async () => {
    const dir = await example('csv-orders-to-json');
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'chorus', 'run', dir, 'convert-orders', '--json'], { cwd: repo });
    expect(JSON.parse(stdout).status).toBe('succeeded');
  });
});
