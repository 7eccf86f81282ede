import { describe, expect, it } from 'vitest';
import type { ConflictFileView } from '../../../preload/contract.ts';
import { badgeText } from './badge.ts';
import { conflictFields, resolvedContent, type FieldChoice } from './conflict-fields.ts';
import { diffRevisions } from './revision-diff.ts';

const json = (v: unknown) => JSON.stringify(v);
const file: ConflictFileView = {
  path: 'operations/convert.json',
  format: 'json',
  base: json({ id: 'convert', name: 'Convert', layout: { x: 1, y: 1 }, steps: [] }),
  mine: json({ id: 'convert', name: 'Mine', layout: { x: 2, y: 1 }, steps: ['a'], note: 'merged' }),
  theirs: json({ id: 'convert', name: 'Theirs', layout: { x: 3, y: 1 }, steps: ['b'], note: 'merged', extra: true }),
};

describe('conflictFields', () => {
  it('lists the fields where the candidates differ, nested objects per key and arrays as values', () => {
    expect(conflictFields(file)).toEqual([
      { path: ['extra'], label: '$.extra', base: undefined, mine: undefined, theirs: true },
      { path: ['layout', 'x'], label: '$.layout.x', base: 1, mine: 2, theirs: 3 },
      { path: ['name'], label: '$.name', base: 'Convert', mine: 'Mine', theirs: 'Theirs' },
      { path: ['steps'], label: '$.steps', base: [], mine: ['a'], theirs: ['b'] },
    ]);
  });

  it('gives up on a deleted side or a script', () => {
    expect(conflictFields({ ...file, theirs: null })).toBeUndefined();
    expect(conflictFields({ ...file, format: 'text' })).toBeUndefined();
    expect(conflictFields({ ...file, mine: 'not json' })).toBeUndefined();
  });

  it('builds the resolved document from mine with each field as chosen', () => {
    const fields = conflictFields(file)!;
    const choices = new Map<string, FieldChoice>([
      ['$.name', { take: 'theirs' }],
      ['$.extra', { take: 'theirs' }],
      ['$.layout.x', { edit: '10' }],
    ]);
    expect(JSON.parse(resolvedContent(file, fields, choices))).toEqual({ id: 'convert', name: 'Theirs', layout: { x: 10, y: 1 }, steps: ['a'], note: 'merged', extra: true });
    expect(() => resolvedContent(file, fields, new Map([['$.name', { edit: 'bare words' }]]))).toThrow(/\$\.name: the edited value is not JSON/);
  });
});

describe('diffRevisions', () => {
  it('reports added, deleted and modified files with changed lines and a little context', () => {
    const from = { 'a.chs': '1\n2\n3\n4\n5\n6\n7\n', 'gone.json': '{}\n', 'same.json': 'x' };
    const to = { 'a.chs': '1\n2\n3\n4\nfive\n6\n7\n', 'new.json': '{"a":1}\n', 'same.json': 'x' };
    const diff = diffRevisions(from, to);
    expect(diff.map((f) => [f.path, f.change])).toEqual([
      ['a.chs', 'modified'],
      ['gone.json', 'deleted'],
      ['new.json', 'added'],
    ]);
    expect(diff[0].lines).toEqual([
      { kind: 'same', text: '3' },
      { kind: 'same', text: '4' },
      { kind: 'removed', text: '5' },
      { kind: 'added', text: 'five' },
      { kind: 'same', text: '6' },
      { kind: 'same', text: '7' },
    ]);
    expect(diff[2].lines).toEqual([{ kind: 'added', text: '{"a":1}' }]);
  });
});

describe('badgeText', () => {
  const status = { changes: [{ path: 'a', change: 'modified' as const }], conflicts: [] };
  it('says where the folder stands in a few words', () => {
    expect(badgeText({ ...status, state: 'in sync', changes: [] }, undefined)).toBe('in sync');
    expect(badgeText({ ...status, state: 'ahead' }, undefined)).toBe('ahead 1');
    expect(badgeText({ ...status, state: 'diverged' }, undefined)).toBe('ahead 1, behind');
    expect(badgeText({ ...status, state: 'conflicts', conflicts: [{ component: 'x', details: [] }] }, undefined)).toBe('1 conflict');
    expect(badgeText({ ...status, state: 'offline' }, undefined)).toBe('offline, 1 changed');
    expect(badgeText({ ...status, state: 'not connected', changes: [] }, undefined)).toBe('not connected');
    expect(badgeText(undefined, 'boom')).toBe('sync error');
  });
});
