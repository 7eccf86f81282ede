import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chorus, snapshot, writeFiles, writeOrdersProject } from './test-support.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-test-'));
  await writeOrdersProject(dir);
  await writeFiles(dir, { 'tests/fixtures/orders.csv': 'id,qty\nA,1\nB,2\n' });
  vi.stubEnv('CI', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const test = (id: string, fields: Record<string, unknown>) => ({
  [`tests/${id}.json`]: { id, name: id, operation: 'convert', inputs: { 'read-csv': { file: 'tests/fixtures/orders.csv' } }, ...fields },
});
const output = (activity: string, expected: Record<string, unknown>) => ({ expect: { outputs: { [activity]: expected } } });

const goldens = {
  'tests/fixtures/good.json': { orders: [{ id: 'A', qty: 1, ref: 'any' }, { id: 'B', qty: 2, ref: 'any' }] },
  'tests/fixtures/bad.json': { orders: [{ id: 'A', qty: 1, ref: 'any' }, { id: 'B', qty: 3, ref: 'any' }] },
  'tests/fixtures/good.csv': 'id,qty,ref\nA,1,x\nB,2,y\n',
  'tests/fixtures/bad.csv': 'id,qty,ref\nA,1,x\nB,3,y\n',
  'tests/fixtures/good.xml': '<orders>\n  <order><ref>x</ref><qty>1</qty><id>A</id></order>\n  <order><id>B</id><qty>2</qty><ref>y</ref></order>\n</orders>\n',
  'tests/fixtures/bad.xml': '<orders><order><id>A</id><qty>1</qty><ref/></order><order><id>B</id><qty>3</qty><ref/></order></orders>',
};
const eachKind = {
  ...goldens,
  ...test('json-pass', output('write-json', { file: 'tests/fixtures/good.json', ignore: ['orders[*].ref'] })),
  ...test('json-fail', output('write-json', { file: 'tests/fixtures/bad.json', ignore: ['orders[*].ref'] })),
  ...test('csv-pass', output('write-csv', { file: 'tests/fixtures/good.csv', ignore: ['[*].ref'] })),
  ...test('csv-fail', output('write-csv', { file: 'tests/fixtures/bad.csv', ignore: ['[*].ref'] })),
  ...test('xml-pass', output('write-xml', { file: 'tests/fixtures/good.xml', ignore: ['orders.order[*].ref'] })),
  ...test('xml-fail', output('write-xml', { file: 'tests/fixtures/bad.xml', ignore: ['orders.order[*].ref'] })),
};

describe('chorus test: comparisons', () => {
  it('passes and fails tests of each comparison kind, with a diff naming the path', async () => {
    await writeFiles(dir, eachKind);
    const r = await chorus(dir, ['test', '.']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /^✓ (json|csv|xml)-pass \(\d+ ms\)$/.test(l))).toHaveLength(3);
    expect(r.stdout).toContain('✗ json-fail\n    output of "Write write-json" differs from tests/fixtures/bad.json (1 difference)\n      orders[1].qty: expected 3, actual 2\n');
    // CSV values are text; XML is compared canonically (element order of the golden differs, attributes none).
    expect(r.stdout).toContain('✗ csv-fail\n    output of "Write write-csv" differs from tests/fixtures/bad.csv (1 difference)\n      [1].qty: expected "3", actual "2"\n');
    expect(r.stdout).toContain('✗ xml-fail\n    output of "Write write-xml" differs from tests/fixtures/bad.xml (1 difference)\n      orders.order[1].qty: expected "3", actual "2"\n');
    expect(lines.at(-1)).toBe('3 passed, 3 failed');
  });

  it('compares every field unless told to ignore it', async () => {
    await writeFiles(dir, { ...goldens, ...test('no-ignore', output('write-json', { file: 'tests/fixtures/good.json' })) });
    const r = await chorus(dir, ['test', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/orders\[0\]\.ref: expected "any", actual "[0-9a-f-]{36}"/);
  });

  it('compares records in any order when unordered, and in order otherwise', async () => {
    const swapped = { orders: [{ id: 'B', qty: 2 }, { id: 'A', qty: 1 }] };
    await writeFiles(dir, {
      'tests/fixtures/swapped.json': swapped,
      ...test('unordered', output('write-json', { file: 'tests/fixtures/swapped.json', ignore: ['orders[*].ref'], unordered: true })),
      ...test('ordered', output('write-json', { file: 'tests/fixtures/swapped.json', ignore: ['orders[*].ref'] })),
      ...test('inline-unordered', output('write-csv', { records: [{ id: 'B', qty: '2' }, { id: 'A', qty: '1' }], ignore: ['[*].ref'], unordered: true })),
    });
    const r = await chorus(dir, ['test', '.']);
    expect(r.stdout).toMatch(/^✓ unordered /m);
    expect(r.stdout).toMatch(/^✓ inline-unordered /m);
    expect(r.stdout).toContain('✗ ordered\n');
    expect(r.stdout).toContain('orders[0].id: expected "B", actual "A"');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('checks step counts and caps a long diff at 20 lines', async () => {
    const many = 'id,qty\n' + Array.from({ length: 30 }, (_, i) => `R${i},${i}`).join('\n') + '\n';
    await writeFiles(dir, {
      'tests/fixtures/many.csv': many,
      ...test('counts', { expect: { steps: { 'read-csv': { recordsOut: 2 }, map: { recordsIn: 2, recordsOut: 2 }, 'write-xml': { recordsIn: 5 } } } }),
      ...test('long', { inputs: { 'read-csv': { file: 'tests/fixtures/many.csv' } }, ...output('write-csv', { records: [], ignore: ['[*].ref'] }) }),
    });
    const r = await chorus(dir, ['test', '.']);
    expect(r.stdout).toContain('✗ counts\n    step "Write write-xml": recordsIn expected 5, actual 2\n✗ long\n');
    const long = r.stdout.split('✗ long\n')[1].split('\n').filter((l) => l.startsWith('    '));
    expect(long).toHaveLength(20);
    expect(long.at(-1)).toBe('      … 12 more lines');
  });
});

describe('chorus test: fixtures, failures and the run', () => {
  it('replaces an endpoint by a fixture, and never writes a target nor runs after-read actions', async () => {
    await writeFiles(dir, {
      'tests/memory.json': {
        id: 'memory',
        name: 'Memory replaced',
        operation: 'from-memory',
        endpoints: { memory: { records: [{ id: 'M', qty: '7' }] } },
        expect: { outputs: { 'write-json': { records: [{ id: 'M', qty: 7 }], ignore: ['[*].ref'] } } },
      },
      'tests/memory-unset.json': { id: 'memory-unset', name: 'Memory not replaced', operation: 'from-memory', expect: { status: 'failed', messages: [{ code: 'SOURCE_NOT_FOUND' }] } },
      // Reads the real in/orders.csv, whose after-read action is delete.
      'tests/real-source.json': { id: 'real-source', name: 'Real source', operation: 'convert', expect: { steps: { 'read-csv': { recordsOut: 2 } } } },
    });
    const before = await snapshot(dir);
    const r = await chorus(dir, ['test', '.']);
    expect(r.stdout).toMatch(/^✓ Memory replaced /m);
    expect(r.stdout).toMatch(/^✓ Memory not replaced /m);
    expect(r.stdout).toMatch(/^✓ Real source /m);
    expect(r.code).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain('.chorus');
  });

  it('still makes writes to chain-private endpoints, so a chained operation reads them', async () => {
    await writeFiles(dir, {
      'activities/write-memory.json': { id: 'write-memory', name: 'Write memory', type: 'write', endpoint: 'memory', format: { type: 'json', mode: 'array' } },
      'operations/to-memory.json': { id: 'to-memory', name: 'To memory', steps: [{ kind: 'read', activity: 'read-csv' }, { kind: 'write', activity: 'write-memory' }], onSuccess: ['from-memory'] },
      'tests/chain.json': {
        id: 'chain',
        name: 'chain',
        operation: 'to-memory',
        inputs: { 'read-csv': { records: [{ id: 'C', qty: '3' }] } },
        expect: { outputs: { 'write-memory': { records: [{ id: 'C', qty: '3' }] }, 'write-json': { records: [{ id: 'C', qty: 3 }], ignore: ['[*].ref'] } } },
      },
    });
    const r = await chorus(dir, ['test', '.']);
    expect(r.stdout).toMatch(/^✓ chain \(\d+ ms\)\n1 passed, 0 failed\n$/);
  });

  it('passes a test that expects a failure and its message code, and fails one that did not expect it', async () => {
    await writeFiles(dir, {
      'tests/fixtures/bad-qty.csv': 'id,qty\nA,1\nB,two\n',
      ...test('expects-failure', { inputs: { 'read-csv': { file: 'tests/fixtures/bad-qty.csv' } }, expect: { status: 'failed', messages: [{ code: 'TRANSFORM_TYPE', level: 'error', count: 1 }] } }),
      ...test('expects-success', { inputs: { 'read-csv': { file: 'tests/fixtures/bad-qty.csv' } } }),
      ...test('wrong-code', { inputs: { 'read-csv': { file: 'tests/fixtures/bad-qty.csv' } }, expect: { status: 'failed', messages: [{ code: 'SOURCE_NOT_FOUND' }] } }),
    });
    const r = await chorus(dir, ['test', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✓ expects-failure /m);
    expect(r.stdout).toMatch(/✗ expects-success\n {4}status: expected succeeded, actual failed\n {6}error TRANSFORM_TYPE: step "Map": record 1: /);
    expect(r.stdout).toMatch(/✗ wrong-code\n {4}message SOURCE_NOT_FOUND: expected at least 1, actual 0\n {6}error TRANSFORM_TYPE/);
  });

  it('runs a transformation test on inline records and on files with their own formats', async () => {
    await writeFiles(dir, {
      'tests/fixtures/rows.csv': 'id;qty\nT;5\n',
      'tests/fixtures/mapped.xml': '<out><row><id>T</id><qty>5</qty><ref/></row></out>',
      'tests/inline.json': { id: 'inline', name: 'inline', transformation: 'map', input: { records: [{ id: 'T', qty: '5' }] }, expect: { output: { records: [{ id: 'T', qty: 5 }], ignore: ['[*].ref'] } } },
      'tests/files.json': {
        id: 'files',
        name: 'files',
        transformation: 'map',
        input: { file: 'tests/fixtures/rows.csv', format: { type: 'csv', delimiter: ';' } },
        expect: { output: { file: 'tests/fixtures/mapped.xml', format: { type: 'xml', root: 'out', record: 'row' }, ignore: ['out.row.ref'] } },
      },
      'tests/bad-type.json': { id: 'bad-type', name: 'bad-type', transformation: 'map', input: { records: [{ id: 'T', qty: 'many' }] }, expect: { status: 'failed', messages: [{ code: 'TRANSFORM_TYPE' }] } },
    });
    const r = await chorus(dir, ['test', '.']);
    expect(r.stdout).toMatch(/^✓ bad-type .*\n✓ files .*\n✓ inline .*\n3 passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it('counts skipped tests, filters by name, and reports a missing fixture as a failure', async () => {
    await writeFiles(dir, {
      ...goldens,
      ...test('json-pass', output('write-json', { file: 'tests/fixtures/good.json', ignore: ['orders[*].ref'] })),
      ...test('later', { skip: 'waiting for the new schema' }),
      ...test('no-fixture', { inputs: { 'read-csv': { file: 'tests/fixtures/gone.csv' } } }),
    });
    const all = await chorus(dir, ['test', '.']);
    expect(all.stdout).toContain('- later (skipped: waiting for the new schema)\n✗ no-fixture\n    fixture tests/fixtures/gone.csv does not exist [SOURCE_NOT_FOUND]\n');
    expect(all.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 skipped');
    const some = await chorus(dir, ['test', '.', '--filter', 'JSON']);
    expect(some.stdout).toMatch(/^✓ json-pass \(\d+ ms\)\n1 passed, 0 failed\n$/);
    expect(some.code).toBe(0);
    const none = await chorus(dir, ['test', '.', '--filter', 'nothing']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no test matches "nothing"');
  });

  it('exits 2 with file: path: message when a test refers to what does not exist', async () => {
    await writeFiles(dir, test('broken', { expect: { outputs: { 'read-csv': { records: [] } }, steps: { nope: { recordsIn: 1 } } } }));
    const r = await chorus(dir, ['test', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('./tests/broken.json: $.expect.outputs["read-csv"]: activity "read-csv" is a read activity, not a write activity');
    expect(r.stderr).toContain('./tests/broken.json: $.expect.steps.nope: operation "convert" has no step using "nope"');
    expect(r.stdout).toBe('');
  });
});

describe('chorus test: JUnit and --update', () => {
  it('writes JUnit XML that an XML parser reads back', async () => {
    await writeFiles(dir, { ...eachKind, ...test('later', { skip: 'not yet' }) });
    await chorus(dir, ['test', '.', '--junit', 'reports/junit.xml']);
    const xml = await readFile(path.join(dir, 'reports/junit.xml'), 'utf8');
    const cases: { name: string; outcome?: string; message?: string }[] = [];
    const suites: Record<string, string>[] = [];
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw e;
    });
    parser.on('opentag', (tag) => {
      const a = tag.attributes as Record<string, string>;
      if (tag.name === 'testsuite') suites.push(a);
      if (tag.name === 'testcase') cases.push({ name: a.name });
      if (['failure', 'error', 'skipped'].includes(tag.name)) Object.assign(cases.at(-1)!, { outcome: tag.name, message: a.message });
    });
    parser.write(xml).close();
    expect(suites).toEqual([expect.objectContaining({ name: 'Orders test', tests: '7', failures: '3', errors: '0', skipped: '1' })]);
    expect(cases.find((c) => c.name === 'json-fail')).toEqual({ name: 'json-fail', outcome: 'failure', message: 'output of "Write write-json" differs from tests/fixtures/bad.json (1 difference)' });
    expect(cases.find((c) => c.name === 'later')).toEqual({ name: 'later', outcome: 'skipped', message: 'not yet' });
    expect(cases.find((c) => c.name === 'xml-pass')).toEqual({ name: 'xml-pass' });
  });

  it('--update rewrites only the golden files of failing comparisons, after confirmation', async () => {
    await writeFiles(dir, eachKind);
    const before = await snapshot(dir);
    const golden = (name: string) => readFile(path.join(dir, 'tests/fixtures', name), 'utf8');

    const declined = await chorus(dir, ['test', '.', '--update'], { interactive: true, stdin: 'n\n' });
    expect(declined.stderr).toContain('Rewrite 3 golden files (tests/fixtures/bad.csv, tests/fixtures/bad.json, tests/fixtures/bad.xml) from the actual output? [y/N] ');
    expect(declined.stdout).toContain('golden files left as they were');
    const noTerminal = await chorus(dir, ['test', '.', '--update']);
    expect(noTerminal.code).toBe(2);
    vi.stubEnv('CI', 'true');
    const inCi = await chorus(dir, ['test', '.', '--update'], { interactive: true, stdin: 'y\n' });
    expect(inCi.code).toBe(2);
    expect(inCi.stderr).toContain('--update does not rewrite golden files in CI');
    expect(inCi.stdout).toBe('');
    expect(await snapshot(dir)).toEqual(before);

    vi.stubEnv('CI', '');
    const accepted = await chorus(dir, ['test', '.', '--update'], { interactive: true, stdin: 'y\n' });
    expect(accepted.code).toBe(1);
    expect(accepted.stdout).toContain('updated tests/fixtures/bad.csv\nupdated tests/fixtures/bad.json\nupdated tests/fixtures/bad.xml\n');
    const after = await snapshot(dir);
    for (const name of ['good.json', 'good.csv', 'good.xml']) expect(after[`tests/fixtures/${name}`]).toBe(before[`tests/fixtures/${name}`]);
    expect(JSON.parse(await golden('bad.json')).orders[1]).toMatchObject({ id: 'B', qty: 2 });
    expect(await golden('bad.csv')).toMatch(/^id,qty,ref\nA,1,[0-9a-f-]{36}\nB,2,/);
    expect(await golden('bad.xml')).toContain('<qty>2</qty>');
    const again = await chorus(dir, ['test', '.']);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('6 passed, 0 failed');
  });

  it('--update --yes creates a missing golden file, also in CI', async () => {
    await writeFiles(dir, test('new', output('write-json', { file: 'tests/fixtures/new/orders.json' })));
    vi.stubEnv('CI', 'true');
    const r = await chorus(dir, ['test', '.', '--update', '--yes']);
    expect(r.stdout).toContain('golden file tests/fixtures/new/orders.json does not exist');
    expect(r.stdout).toContain('updated tests/fixtures/new/orders.json');
    expect(JSON.parse(await readFile(path.join(dir, 'tests/fixtures/new/orders.json'), 'utf8')).orders).toHaveLength(2);
  });
});

describe('chorus run --dry-run', () => {
  it('reads the real sources, writes nothing, skips after-read actions and shows what would be written', async () => {
    await writeFiles(dir, {
      'scripts/note.json': { id: 'note', name: 'Note', language: 'chorus' },
      'scripts/note.chs': '<trans>WriteFile("<TAG>activity:Write write-csv</TAG>", "a,b\\n1,2\\n", "note.csv")</trans>',
    });
    const op = JSON.parse(await readFile(path.join(dir, 'operations/convert.json'), 'utf8'));
    await writeFile(path.join(dir, 'operations/convert.json'), JSON.stringify({ ...op, steps: [...op.steps, { kind: 'script', script: 'note' }] }));
    const before = await snapshot(dir);
    const r = await chorus(dir, ['run', '.', 'convert', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: nothing was written; the targets would receive:\n  orders.json (Write write-json): 2 records, ');
    expect(r.stdout).toMatch(/ {4}\{"id":"A","qty":1,"ref":"[0-9a-f-]{36}"\}\n {4}\{"id":"B",/);
    expect(r.stdout).toContain('  orders.xml (Write write-xml): 2 records, ');
    expect(r.stdout).toContain('  note.csv (WriteFile): 1 record, 8 bytes\n    {"a":"1","b":"2"}');
    expect(r.stdout).not.toContain('wrote ');
    expect(await snapshot(dir)).toEqual(before);

    const json = await chorus(dir, ['run', '.', 'convert', '--dry-run', '--json']);
    const log = JSON.parse(json.stdout);
    expect(log).toMatchObject({ status: 'succeeded', dryRun: true, targets: [], sources: ['in/orders.csv'] });
    expect(log.wouldWrite.map((w: { fileName: string; records: number }) => [w.fileName, w.records])).toEqual([
      ['orders.json', 2],
      ['orders.csv', 2],
      ['orders.xml', 2],
      ['note.csv', 1],
    ]);
    expect(await snapshot(dir)).toEqual(before);
    // Only the run history changed: one log per run.
    expect(await readdir(path.join(dir, '.chorus/runs'))).toHaveLength(2);
  });

  it('refuses DeleteFile in a dry run, so a script cannot change files either', async () => {
    await writeFiles(dir, {
      'scripts/clean.json': { id: 'clean', name: 'Clean', language: 'chorus' },
      'scripts/clean.chs': '<trans>DeleteFiles("<TAG>activity:Read CSV</TAG>")</trans>',
      'operations/clean.json': { id: 'clean', name: 'Clean', steps: [{ kind: 'script', script: 'clean' }] },
    });
    const before = await snapshot(dir);
    const r = await chorus(dir, ['run', '.', 'clean', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DeleteFile would change files, which a test or a dry run never does');
    expect(await snapshot(dir)).toEqual(before);
  });
});
