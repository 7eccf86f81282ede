import { describe, expect, it } from 'vitest';
import { canonicalJson } from './json.ts';
import { parseProjectFiles } from './project-files.ts';

const manifest = { formatVersion: 1, id: 'project01', name: 'P' };

function files(entries: Record<string, unknown>): Map<string, string> {
  return new Map(Object.entries(entries).map(([file, doc]) => [file, typeof doc === 'string' ? doc : canonicalJson(doc)]));
}

const notUtf8 = { severity: 'error', code: 'PROJECT_INVALID', path: '$', message: 'not UTF-8 text: save it as UTF-8' };

describe('parseProjectFiles', () => {
  it('still checks every component file against its schema when the manifest fails its own', () => {
    const parsed = parseProjectFiles(
      files({
        'chorus.json': { ...manifest, id: 'x' },
        'endpoints/inbox.json': { id: 'inbox', name: 'Inbox', kind: 'temp', bogus: 1 },
        'endpoints/outbox.json': { id: 'outbox', name: 'Outbox', kind: 'temp' },
        'schemas/wrong.json': { id: 'right', name: 'S', fields: [] },
      }),
    );
    expect(parsed.project).toBeUndefined();
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.loadedFiles).toEqual(new Set());
    expect(parsed.problems).toEqual([
      { severity: 'error', code: 'PROJECT_INVALID', file: 'chorus.json', path: '$.id', message: 'must be 6-64 letters, digits, "-" or "_"' },
      { severity: 'error', code: 'PROJECT_INVALID', file: 'endpoints/inbox.json', path: '$.bogus', message: 'unknown field "bogus"' },
      expect.objectContaining({ code: 'PROJECT_INVALID', file: 'schemas/wrong.json', path: '$.id' }),
    ]);
  });

  it('reports files that are not UTF-8 once, and not again as missing where they are referenced', () => {
    const parsed = parseProjectFiles(
      files({
        'chorus.json': manifest,
        'activities/read.json': { id: 'read', name: 'Read', type: 'read', endpoint: 'inbox', format: { type: 'csv' } },
        'operations/op.json': { id: 'op', name: 'Op', steps: [{ kind: 'script', script: 'hello' }] },
        'scripts/hello.json': { id: 'hello', name: 'Hello', language: 'chorus' },
      }),
      { undecodable: ['endpoints/inbox.json', 'scripts/hello.chs', 'scripts/notes.txt'] },
    );
    // notes.txt is not a project file the parser reads, so it is no problem either.
    expect(parsed.problems).toEqual([
      { ...notUtf8, file: 'endpoints/inbox.json' },
      { ...notUtf8, file: 'scripts/hello.chs' },
    ]);
    expect(parsed.project?.scripts).toEqual([]);
    expect([...parsed.loadedFiles].sort()).toEqual(['activities/read.json', 'chorus.json', 'operations/op.json']);
  });

  it('reports a manifest that is not UTF-8 as such, not as a missing manifest', () => {
    const parsed = parseProjectFiles(new Map(), { undecodable: ['chorus.json'] });
    expect(parsed.project).toBeUndefined();
    expect(parsed.problems).toEqual([{ ...notUtf8, file: 'chorus.json' }]);
  });
});
