import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../json.ts';
import { componentOf, mergeProjectFiles } from './files.ts';

const op = (fields: Record<string, unknown>) => canonicalJson({ id: 'convert', name: 'Convert', steps: [], ...fields });
const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const base = files({
  'chorus.json': canonicalJson({ formatVersion: 1, id: 'p', name: 'P' }),
  'operations/convert.json': op({}),
  'scripts/clean.json': canonicalJson({ id: 'clean', name: 'Clean', language: 'chorus' }),
  'scripts/clean.chs': 'a\nb\nc\n',
});

describe('mergeProjectFiles', () => {
  it('names components by path without extension', () => {
    expect(componentOf('scripts/clean.chs')).toBe('scripts/clean');
    expect(componentOf('chorus.json')).toBe('chorus');
    expect(componentOf('operations/.hidden')).toBe('operations/.hidden');
  });

  it('keeps a rename on one side and an edit on the other, and merges script text line-wise', () => {
    const mine = files({ ...Object.fromEntries(base), 'operations/convert.json': op({ name: 'Convert orders' }), 'scripts/clean.chs': 'A\nb\nc\n' });
    const theirs = files({ ...Object.fromEntries(base), 'operations/convert.json': op({ description: 'from theirs' }), 'scripts/clean.chs': 'a\nb\nC\n' });
    const merged = mergeProjectFiles(base, mine, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(JSON.parse(merged.files.get('operations/convert.json')!)).toEqual({ id: 'convert', name: 'Convert orders', description: 'from theirs', steps: [] });
    expect(merged.files.get('scripts/clean.chs')).toBe('A\nb\nC\n');
  });

  it('keeps the bytes of the side that changed alone (no reformatting)', () => {
    const handEdited = '{"id":"convert","name":"X","steps":[]}';
    const merged = mergeProjectFiles(base, files({ ...Object.fromEntries(base), 'operations/convert.json': handEdited }), base);
    expect(merged.files.get('operations/convert.json')).toBe(handEdited);
  });

  it('deletes a component deleted on one side and unchanged on the other, adds new ones from both', () => {
    const mine = files({ ...Object.fromEntries(base), 'operations/new.json': op({ id: 'new' }) });
    const theirs = new Map(base);
    theirs.delete('scripts/clean.json');
    theirs.delete('scripts/clean.chs');
    const merged = mergeProjectFiles(base, mine, theirs);
    expect(merged.conflicts).toEqual([]);
    expect([...merged.files.keys()].sort()).toEqual(['chorus.json', 'operations/convert.json', 'operations/new.json']);
  });

  it('makes a whole component a conflict when deleted on one side and edited on the other', () => {
    const mine = files({ ...Object.fromEntries(base), 'scripts/clean.chs': 'a\nb\nc\nd\n' });
    const theirs = new Map(base);
    theirs.delete('scripts/clean.json');
    theirs.delete('scripts/clean.chs');
    const merged = mergeProjectFiles(base, mine, theirs);
    expect(merged.conflicts).toEqual([
      {
        component: 'scripts/clean',
        details: ['scripts/clean: changed here, deleted in the repository'],
        files: [
          { path: 'scripts/clean.chs', mine: 'a\nb\nc\nd\n', theirs: undefined },
          { path: 'scripts/clean.json', mine: base.get('scripts/clean.json'), theirs: undefined },
        ],
      },
    ]);
    // My version stays in the folder until resolved.
    expect(merged.files.get('scripts/clean.chs')).toBe('a\nb\nc\nd\n');
    expect(mergeProjectFiles(base, theirs, mine).conflicts[0].details).toEqual(['scripts/clean: deleted here, changed in the repository']);
    expect(mergeProjectFiles(base, theirs, mine).files.has('scripts/clean.chs')).toBe(false);
  });

  it('reports field and line conflicts per component with both candidates', () => {
    const mine = files({ ...Object.fromEntries(base), 'operations/convert.json': op({ name: 'Mine', description: 'd' }), 'scripts/clean.chs': 'a\nmine\nc\n' });
    const theirs = files({ ...Object.fromEntries(base), 'operations/convert.json': op({ name: 'Theirs' }), 'scripts/clean.chs': 'a\ntheirs\nc\n' });
    const merged = mergeProjectFiles(base, mine, theirs);
    expect(merged.conflicts.map((c) => [c.component, c.details])).toEqual([
      ['operations/convert', ['operations/convert.json: $.name']],
      ['scripts/clean', ['scripts/clean.chs: line 2']],
    ]);
    const convert = merged.conflicts[0].files[0];
    expect(JSON.parse(convert.mine!)).toMatchObject({ name: 'Mine', description: 'd' });
    expect(JSON.parse(convert.theirs!)).toMatchObject({ name: 'Theirs', description: 'd' });
    expect(merged.files.get('scripts/clean.chs')).toBe('a\nmine\nc\n');
  });

  it('merges a JSON file that no longer parses line-wise', () => {
    const broken = '{\n  "id": "convert",\n  "name": "Convert",\n  "steps": []\n}\n// note\n';
    const theirs = files({ ...Object.fromEntries(base), 'operations/convert.json': op({}).replace('"Convert"', '"Renamed"') });
    const merged = mergeProjectFiles(base, files({ ...Object.fromEntries(base), 'operations/convert.json': broken }), theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.files.get('operations/convert.json')).toContain('"Renamed"');
    expect(merged.files.get('operations/convert.json')).toContain('// note');
  });
});
