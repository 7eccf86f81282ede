import { describe, expect, it } from 'vitest';
import { emptyProject, type Project } from '../model/project.ts';
import { ScriptError } from './errors.ts';
import { parseReference, resolveReference } from './references.ts';

const csv = { type: 'csv' } as const;

function project(): Project {
  return {
    ...emptyProject({ formatVersion: 1, id: 'project01', name: 'Orders Project' }),
    endpoints: [
      { id: 'inbox', name: 'Inbox', kind: 'file', settings: { folder: 'in' } },
      { id: 'outbox', name: 'Outbox', kind: 'file', settings: { folder: 'out' } },
      { id: 'scratch', name: 'Scratch', kind: 'temp' },
    ],
    activities: [
      { id: 'read-inbox', name: 'Orders', type: 'read', endpoint: 'inbox', format: csv, filter: '*.csv' },
      { id: 'write-outbox', name: 'Orders', type: 'write', endpoint: 'outbox', format: csv, fileName: 'orders.csv' },
      { id: 'write-scratch', name: 'Orders', type: 'write', endpoint: 'scratch', format: csv },
      { id: 'read-scratch', name: 'Read File', type: 'read', endpoint: 'scratch', format: csv },
    ],
    operations: [
      { id: 'load', name: 'Load Orders', steps: [] },
      { id: 'notify', name: 'Notify', steps: [] },
    ],
    scripts: [
      { id: 'fmt', name: 'Utilities/Format Name', language: 'chorus', source: '' },
      { id: 'clean', name: 'Clean', language: 'chorus', source: '' },
    ],
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return undefined;
}

describe('parseReference', () => {
  it('reads the Cloud Studio forms inside or outside <TAG>', () => {
    expect(parseReference('<TAG>operation:Load Orders</TAG>')).toEqual({ kind: 'operation', name: 'Load Orders', raw: '<TAG>operation:Load Orders</TAG>' });
    expect(parseReference(' <tag>script:Utilities/Format Name</tag> ')).toMatchObject({ kind: 'script', name: 'Utilities/Format Name' });
    expect(parseReference('<TAG>activity:tempstorage/Temp/tempstorage_read/Read File</TAG>')).toMatchObject({
      kind: 'activity',
      connector: 'tempstorage',
      endpoint: 'Temp',
      direction: 'read',
      name: 'Read File',
    });
    expect(parseReference('<TAG>endpoint:database/Orders DB</TAG>')).toMatchObject({ kind: 'endpoint', connector: 'database', name: 'Orders DB' });
  });

  it('reads Design Studio tree paths, with or without the project name', () => {
    expect(parseReference('<TAG>Operations/Daily/Load Orders</TAG>')).toMatchObject({ kind: 'operation', folders: ['Daily'], name: 'Load Orders' });
    expect(parseReference('MyProject/Targets/myDbTarget')).toMatchObject({ kind: 'activity', direction: 'write', name: 'myDbTarget' });
    expect(parseReference('Sources/Orders')).toMatchObject({ kind: 'activity', direction: 'read', name: 'Orders' });
  });

  it('keeps anything else as a plain name', () => {
    expect(parseReference('Load Orders')).toEqual({ name: 'Load Orders', raw: 'Load Orders' });
    expect(parseReference('a/b/c/d')).toEqual({ name: 'a/b/c/d', raw: 'a/b/c/d' });
  });
});

describe('resolveReference', () => {
  const p = project();

  it('finds operations and scripts by every form, names exactly', () => {
    for (const ref of ['<TAG>operation:Load Orders</TAG>', 'Operations/Load Orders', 'Orders Project/Operations/Nightly/Load Orders', 'Load Orders', 'load']) {
      expect(resolveReference(p, ref, 'operations').id).toBe('load');
    }
    expect(resolveReference(p, '<TAG>script:Utilities/Format Name</TAG>', 'scripts').id).toBe('fmt');
    expect(resolveReference(p, 'Scripts/Clean', 'scripts').id).toBe('clean');
    expect(codeOf(() => resolveReference(p, 'load orders', 'operations'))).toMatch(/^SCRIPT_UNKNOWN_COMPONENT: unknown operation "load orders" \(operations: Load Orders, Notify\)/);
  });

  it('tells same-named activities apart by endpoint and direction', () => {
    expect(resolveReference(p, '<TAG>activity:file/Inbox/file_read/Orders</TAG>', 'activities').id).toBe('read-inbox');
    expect(resolveReference(p, '<TAG>activity:tempstorage/Scratch/tempstorage_write/Orders</TAG>', 'activities').id).toBe('write-scratch');
    expect(resolveReference(p, 'Sources/Orders', 'activities').id).toBe('read-inbox');
    expect(resolveReference(p, 'write-outbox', 'activities').id).toBe('write-outbox');
    expect(codeOf(() => resolveReference(p, 'Targets/Orders', 'activities'))).toMatch(/^SCRIPT_UNKNOWN_COMPONENT: 2 activities are named "Orders" \(ids write-outbox, write-scratch\)/);
    expect(codeOf(() => resolveReference(p, '<TAG>activity:file/Outbox/file_read/Orders</TAG>', 'activities'))).toMatch(/^SCRIPT_UNKNOWN_COMPONENT: unknown activity "Orders"/);
  });

  it('finds endpoints and refuses a reference of another kind', () => {
    expect(resolveReference(p, '<TAG>endpoint:file/Outbox</TAG>', 'endpoints').id).toBe('outbox');
    expect(codeOf(() => resolveReference(p, '<TAG>script:Clean</TAG>', 'operations'))).toMatch(/^SCRIPT_UNKNOWN_COMPONENT: .*refers to a script, not an operation/);
    expect(codeOf(() => resolveReference(emptyProject(p.manifest), 'X', 'scripts'))).toMatch(/the project has no scripts/);
  });
});
