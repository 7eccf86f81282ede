import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityDoc } from '../core/model/activity.ts';
import { emptyProject, type Project } from '../core/model/project.ts';
import type { FileCapability } from '../core/script/env.ts';
import { ScriptError } from '../core/script/errors.ts';
import { createFileCapability } from './files.ts';

const csv = { type: 'csv' } as const;
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function project(): Project {
  const activities: ActivityDoc[] = [
    { id: 'read-in', name: 'Read Orders', type: 'read', endpoint: 'in', format: csv, filter: 'orders-*.csv' },
    { id: 'read-all', name: 'Read All', type: 'read', endpoint: 'in', format: csv },
    { id: 'write-out', name: 'Write Report', type: 'write', endpoint: 'out', format: csv, fileName: 'report-[day].csv' },
    { id: 'append-out', name: 'Append Log', type: 'write', endpoint: 'out', format: csv, fileName: 'log.txt', mode: 'append' },
    { id: 'unique-out', name: 'Write Unique', type: 'write', endpoint: 'out', format: csv, fileName: 'u.csv', mode: 'unique' },
    { id: 'archive', name: 'Archive', type: 'write', endpoint: 'archive', format: csv, fileName: '[file].bak' },
    { id: 'temp-write', name: 'Stash', type: 'write', endpoint: 'scratch', format: csv, fileName: 'stash.json' },
    { id: 'temp-read', name: 'Unstash', type: 'read', endpoint: 'scratch', format: csv },
    { id: 'var-read', name: 'From Variable', type: 'read', endpoint: 'var', format: csv },
  ];
  return {
    ...emptyProject({ formatVersion: 1, id: 'project01', name: 'Files' }),
    endpoints: [
      { id: 'in', name: 'Inbox', kind: 'file', settings: { folder: 'data/in' } },
      { id: 'out', name: 'Outbox', kind: 'file', settings: { folder: 'data/out' } },
      { id: 'archive', name: 'Archive', kind: 'file', settings: { folder: 'data/archive' } },
      { id: 'scratch', name: 'Scratch', kind: 'temp' },
      { id: 'var', name: 'Var', kind: 'variable', settings: { variable: 'doc' } },
    ],
    activities,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptError) return err.code;
    throw err;
  }
  return undefined;
}

let root: string;
let files: FileCapability;
const at = (...parts: string[]) => path.join(root, 'project', 'data', ...parts);
const listing = (dir: string) => fs.readdirSync(at(dir)).sort();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-script-files-'));
  for (const dir of ['in/sub/deeper', 'in/sub2', 'out', 'archive']) fs.mkdirSync(at(dir), { recursive: true });
  fs.writeFileSync(at('in', 'orders-1.csv'), 'one');
  fs.writeFileSync(at('in', 'orders-2.csv'), 'two');
  fs.writeFileSync(at('in', 'notes.txt'), 'héllo');
  fs.writeFileSync(at('in', '.hidden'), 'secret');
  fs.writeFileSync(at('in', 'sub', 'inner.csv'), 'inner');
  fs.writeFileSync(path.join(root, 'outside.txt'), 'outside');
  const globals: Record<string, unknown> = { day: '2024-03-05' };
  files = createFileCapability({ project: project(), projectDir: path.join(root, 'project'), chainTempDir: path.join(root, 'chain'), lookup: (n) => globals[n] });
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('reading and listing', () => {
  it("reads the first file matching the activity's filter or the given one", () => {
    expect(decode(files.read('<TAG>activity:file/Inbox/file_read/Read Orders</TAG>'))).toBe('one');
    expect(decode(files.read('Sources/Read Orders', 'notes.txt'))).toBe('héllo');
    expect(codeOf(() => files.read('Read Orders', '*.xml'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => files.read('Read Orders', '.hidden'))).toBe('SCRIPT_FAILED');
  });

  it('lists files and folders, hidden ones excepted, under a sub-path too', () => {
    expect(files.list('Read Orders', {})).toEqual(['orders-1.csv', 'orders-2.csv']);
    expect(files.list('Read All', {})).toEqual(['notes.txt', 'orders-1.csv', 'orders-2.csv']);
    expect(files.list('Read All', { filter: '*.txt' })).toEqual(['notes.txt']);
    expect(files.list('Read All', { dirs: true })).toEqual(['sub', 'sub2']);
    expect(files.list('Read All', { dirs: true, filter: 'sub?' })).toEqual(['sub2']);
    expect(files.list('Read All', { path: 'sub', filter: '*.csv' })).toEqual(['inner.csv']);
    expect(files.list('Read All', { path: 'sub', dirs: true })).toEqual(['deeper']);
  });

  it('refuses paths that leave the endpoint folder, and endpoints that hold no files', () => {
    for (const escape of ['..', '../..', 'sub/../../..', '/etc', 'C:\\Windows', '..\\..']) {
      expect(codeOf(() => files.list('Read All', { path: escape })), escape).toBe('SCRIPT_FAILED');
    }
    expect(codeOf(() => files.write('Write Report', text('x'), '../../outside.txt'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => files.write('Write Report', text('x'), path.join(root, 'outside.txt')))).toBe('SCRIPT_FAILED');
    expect(fs.readFileSync(path.join(root, 'outside.txt'), 'utf8')).toBe('outside');
    expect(codeOf(() => files.read('From Variable'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => files.read('No Such Activity'))).toBe('SCRIPT_UNKNOWN_COMPONENT');
  });
});

describe('writing', () => {
  it('buffers until flush, then writes atomically under the substituted name', () => {
    files.write('Write Report', text('a,b\n'));
    files.write('Write Report', text('1,2\n'));
    expect(listing('out')).toEqual([]);
    files.flush('Targets/Write Report');
    expect(listing('out')).toEqual(['report-2024-03-05.csv']);
    expect(fs.readFileSync(at('out', 'report-2024-03-05.csv'), 'utf8')).toBe('a,b\n1,2\n');
    files.flush(); // nothing left
    expect(listing('out')).toEqual(['report-2024-03-05.csv']);
  });

  it('flushes one file name, one target or everything', () => {
    files.write('Write Report', text('x'), 'x.csv');
    files.write('Write Report', text('y'), 'y.csv');
    files.write('Append Log', text('log'));
    files.flush('Write Report', 'x.csv');
    expect(listing('out')).toEqual(['x.csv']);
    files.flush('Write Report');
    expect(listing('out')).toEqual(['x.csv', 'y.csv']);
    files.flush();
    expect(listing('out')).toEqual(['log.txt', 'x.csv', 'y.csv']);
  });

  it('overwrites, appends or picks a free name as the activity says', () => {
    fs.writeFileSync(at('out', 'report-2024-03-05.csv'), 'old');
    fs.writeFileSync(at('out', 'log.txt'), 'first;');
    fs.writeFileSync(at('out', 'u.csv'), 'taken');
    for (const target of ['Write Report', 'Append Log', 'Write Unique']) files.write(target, text('new'));
    files.flush();
    files.write('Write Unique', text('newer'));
    files.flush();
    expect(fs.readFileSync(at('out', 'report-2024-03-05.csv'), 'utf8')).toBe('new');
    expect(fs.readFileSync(at('out', 'log.txt'), 'utf8')).toBe('first;new');
    expect(fs.readFileSync(at('out', 'u.csv'), 'utf8')).toBe('taken');
    expect(fs.readFileSync(at('out', 'u-1.csv'), 'utf8')).toBe('new');
    expect(fs.readFileSync(at('out', 'u-2.csv'), 'utf8')).toBe('newer');
    expect(listing('out').filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('writes binary bytes as they are, and keeps temporary storage in the chain folder', () => {
    expect(files.list('Unstash', {})).toEqual([]);
    files.write('Stash', new Uint8Array([0, 255, 10]));
    files.flush('Stash');
    expect([...files.read('Unstash')]).toEqual([0, 255, 10]);
    expect(fs.readdirSync(path.join(root, 'chain', 'scratch'))).toEqual(['stash.json']);
  });

  it('refuses to write through a read activity and reports an undefined placeholder', () => {
    expect(codeOf(() => files.write('Read Orders', text('x')))).toBe('SCRIPT_FAILED');
    const bare = createFileCapability({ project: project(), projectDir: path.join(root, 'project'), chainTempDir: path.join(root, 'chain') });
    expect(codeOf(() => bare.write('Write Report', text('x')))).toBe('SCRIPT_FAILED');
  });
});

describe('deleting and archiving', () => {
  it('deletes exactly one file, or every match', () => {
    expect(codeOf(() => files.delete('Read Orders', { single: true }))).toBe('SCRIPT_FAILED');
    expect(listing('in')).toContain('orders-1.csv');
    expect(files.delete('Read Orders', { filter: 'orders-1.csv', single: true })).toBe(1);
    expect(files.delete('Read Orders', { filter: 'orders-1.csv', single: true })).toBe(0);
    expect(files.delete('Read All', { filter: '*', single: false })).toBe(2);
    expect(listing('in')).toEqual(['.hidden', 'sub', 'sub2']);
    expect(files.delete('Unstash', { single: false })).toBe(0);
  });

  it('archives the first match without ever overwriting, optionally deleting the source', () => {
    files.archive('Read Orders', 'Archive', false);
    expect(fs.readFileSync(at('archive', 'orders-1.csv.bak'), 'utf8')).toBe('one');
    expect(codeOf(() => files.archive('Read Orders', 'Archive', true))).toBe('SCRIPT_FAILED');
    expect(listing('in')).toContain('orders-1.csv');
    fs.rmSync(at('archive', 'orders-1.csv.bak'));
    files.archive('Read Orders', 'Archive', true);
    expect(listing('in')).not.toContain('orders-1.csv');
    expect(listing('archive')).toEqual(['orders-1.csv.bak']);
  });
});
