// Helpers for the tests of `chorus test` and dry runs: a small project on disk and the CLI through main().
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../core/json.ts';
import { runChorus, type CliResult } from '../cli/test-cli.ts';

export function chorus(cwd: string, args: string[], options: { stdin?: string; interactive?: boolean } = {}): Promise<CliResult> {
  return runChorus(args, { cwd, ...options });
}

/** Writes files (path -> JSON value, or text for strings) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : canonicalJson(content));
  }
}

/**
 * A project reading `in/*.csv` (deleting each file after reading) and writing the mapped
 * rows three ways, to `out/`: a JSON array under `orders`, CSV and XML. `from-memory` reads
 * a JSON array from the variable endpoint `orderDoc` instead.
 */
export async function writeOrdersProject(dir: string): Promise<void> {
  const write = (id: string, fileName: string, format: unknown) => ({ id, name: `Write ${id}`, type: 'write', endpoint: 'out', fileName, format });
  await writeFiles(dir, {
    'chorus.json': { formatVersion: 1, id: 'orders-test', name: 'Orders test' },
    'endpoints/in.json': { id: 'in', name: 'In', kind: 'file', settings: { folder: 'in' } },
    'endpoints/out.json': { id: 'out', name: 'Out', kind: 'file', settings: { folder: 'out' } },
    'endpoints/memory.json': { id: 'memory', name: 'Memory', kind: 'variable', settings: { variable: 'orderDoc' } },
    'activities/read-csv.json': { id: 'read-csv', name: 'Read CSV', type: 'read', endpoint: 'in', filter: '*.csv', format: { type: 'csv' }, afterRead: { action: 'delete' } },
    'activities/read-memory.json': { id: 'read-memory', name: 'Read memory', type: 'read', endpoint: 'memory', format: { type: 'json', mode: 'array' } },
    'activities/write-json.json': write('write-json', 'orders.json', { type: 'json', mode: 'array', records: 'orders' }),
    'activities/write-csv.json': write('write-csv', 'orders.csv', { type: 'csv' }),
    'activities/write-xml.json': write('write-xml', 'orders.xml', { type: 'xml', root: 'orders', record: 'order' }),
    'transformations/map.json': {
      id: 'map',
      name: 'Map',
      fields: [
        { name: 'id', from: 'id' },
        { name: 'qty', from: 'qty', type: 'integer' },
        { name: 'ref', formula: '<trans>GUID()</trans>' },
      ],
    },
    'operations/convert.json': {
      id: 'convert',
      name: 'Convert',
      steps: [
        { kind: 'read', activity: 'read-csv' },
        { kind: 'transform', transformation: 'map' },
        { kind: 'write', activity: 'write-json' },
        { kind: 'write', activity: 'write-csv' },
        { kind: 'write', activity: 'write-xml' },
      ],
    },
    'operations/from-memory.json': {
      id: 'from-memory',
      name: 'From memory',
      steps: [
        { kind: 'read', activity: 'read-memory' },
        { kind: 'transform', transformation: 'map' },
        { kind: 'write', activity: 'write-json' },
      ],
    },
    'in/orders.csv': 'id,qty\nA,1\nB,2\n',
    'out/.keep': '',
  });
}

/** Every file under `dir` (but `.chorus/`) with its size and modification time: a folder's state to compare before and after. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      const rel = path.relative(dir, file);
      if (rel === '.chorus') continue;
      if (entry.isDirectory()) await walk(file);
      else out[rel] = `${(await stat(file)).mtimeMs} ${(await readFile(file)).toString('base64')}`;
    }
  };
  await walk(dir);
  return out;
}
