import { describe, expect, it } from 'vitest';
import { isMethod, methodNames, parseRequest, serviceNames, studioApi, studioEventSchema } from './contract.ts';

describe('studio API contract', () => {
  it('lists every method of every service', () => {
    expect(serviceNames).toEqual(['projects', 'runs', 'tests', 'vault', 'dialogs', 'sync', 'settings']);
    expect(methodNames.runs).toEqual(['start', 'cancel', 'history', 'get']);
    for (const service of serviceNames) expect(methodNames[service]).toEqual(Object.keys(studioApi[service]));
  });

  it('knows its methods and nothing else', () => {
    expect(isMethod('projects', 'open')).toBe(true);
    expect(isMethod('projects', 'toString')).toBe(false);
    expect(isMethod('__proto__', 'open')).toBe(false);
  });

  it('accepts good requests', () => {
    expect(parseRequest('projects', 'open', { folder: '/home/ada/orders' })).toEqual({ ok: true, value: { folder: '/home/ada/orders' } });
    expect(parseRequest('projects', 'open', { folder: 'C:\\Users\\ada\\orders' }).ok).toBe(true);
    expect(parseRequest('runs', 'start', { folder: '/p', operation: 'convert', variables: { outputName: 'x' } }).ok).toBe(true);
    expect(parseRequest('settings', 'set', { theme: 'dark' }).ok).toBe(true);
    expect(parseRequest('projects', 'listRecent', {}).ok).toBe(true);
    const save = parseRequest('projects', 'save', {
      folder: '/p',
      changes: [
        { op: 'write', kind: 'endpoints', doc: { id: 'in', name: 'In', kind: 'file', settings: { folder: 'data/in' } } },
        { op: 'write', kind: 'scripts', doc: { id: 'hello', name: 'Hello', language: 'chorus', source: '<trans>1</trans>' } },
        { op: 'delete', kind: 'operations', id: 'old' },
      ],
    });
    expect(save.ok).toBe(true);
  });

  it('names the bad field of a bad request', () => {
    expect(parseRequest('projects', 'open', { folder: 'relative/path' })).toMatchObject({ ok: false, field: 'folder', message: 'must be an absolute path' });
    expect(parseRequest('projects', 'open', {})).toMatchObject({ ok: false, field: 'folder' });
    expect(parseRequest('projects', 'open', { folder: '/p', extra: 1 })).toMatchObject({ ok: false });
    expect(parseRequest('settings', 'set', { theme: 'pink' })).toMatchObject({ ok: false, field: 'theme' });
    expect(parseRequest('runs', 'get', { folder: '/p', runId: '../../etc/passwd' })).toMatchObject({ ok: false, field: 'runId' });
    expect(parseRequest('runs', 'start', { folder: '/p', operation: 'x', variables: { n: 1 } })).toMatchObject({ ok: false, field: 'variables.n' });
  });

  it('checks a written component against its kind\'s schema', () => {
    const badName = parseRequest('projects', 'save', { folder: '/p', changes: [{ op: 'write', kind: 'endpoints', doc: { id: 'in', name: '', kind: 'file', settings: {} } }] });
    expect(badName).toMatchObject({ ok: false, field: 'changes.0.doc.name' });
    const badId = parseRequest('projects', 'save', { folder: '/p', changes: [{ op: 'write', kind: 'operations', doc: { id: 'Bad Id', name: 'x', steps: [] } }] });
    expect(badId).toMatchObject({ ok: false, field: 'changes.0.doc.id' });
    const noSource = parseRequest('projects', 'save', { folder: '/p', changes: [{ op: 'write', kind: 'scripts', doc: { id: 's', name: 'S', language: 'chorus' } }] });
    expect(noSource).toMatchObject({ ok: false, field: 'changes.0.doc.source' });
    const badKind = parseRequest('projects', 'save', { folder: '/p', changes: [{ op: 'delete', kind: 'widgets', id: 'x' }] });
    expect(badKind.ok).toBe(false);
  });

  it('describes events as a union on their type', () => {
    expect(studioEventSchema.safeParse({ type: 'projects.changed', folder: '/p', files: ['operations/a.json'] }).success).toBe(true);
    expect(studioEventSchema.safeParse({ type: 'runs.progress', runId: 'r', operationName: 'Op', step: 'Read', kind: 'read', records: 10 }).success).toBe(true);
    expect(studioEventSchema.safeParse({ type: 'runs.progress', runId: 'r' }).success).toBe(false);
    expect(studioEventSchema.safeParse({ type: 'runs.exploded' }).success).toBe(false);
  });
});
