import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChorusError } from '../core/errors.ts';
import { displayPath, fsError, isPlainFileName } from './common.ts';
import type { ConnectorContext } from './types.ts';

describe('fsError', () => {
  it('marks busy files and exhausted descriptors as transient', () => {
    for (const code of ['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETIMEDOUT']) {
      expect(fsError('TARGET_WRITE_FAILED', Object.assign(new Error(code), { code }), 'could not write x', 'x').transient).toBe(true);
    }
    const denied = fsError('SOURCE_UNREADABLE', Object.assign(new Error('no'), { code: 'EACCES' }), 'cannot read x', 'x');
    expect(denied).toMatchObject({ code: 'SOURCE_UNREADABLE', transient: false, message: 'cannot read x (EACCES)', location: { file: 'x' } });
  });

  it('keeps a ChorusError as it is', () => {
    const original = new ChorusError('TARGET_EXISTS', 'taken');
    expect(fsError('TARGET_WRITE_FAILED', original, 'could not write', 'x')).toBe(original);
  });
});

describe('displayPath', () => {
  const ctx = { projectDir: path.resolve('/p/project') } as ConnectorContext;
  it('is relative with / inside the project, absolute outside', () => {
    expect(displayPath(ctx, path.join(ctx.projectDir, 'data', 'in', 'a.csv'))).toBe('data/in/a.csv');
    expect(displayPath(ctx, ctx.projectDir)).toBe('.');
    expect(displayPath(ctx, path.join(ctx.projectDir, '..notes'))).toBe('..notes');
    expect(displayPath(ctx, path.resolve('/p/other/a.csv'))).toBe(path.resolve('/p/other/a.csv'));
    expect(displayPath(ctx, path.resolve('/p/project-2/a.csv'))).toBe(path.resolve('/p/project-2/a.csv'));
  });
});

describe('isPlainFileName', () => {
  it('accepts names and refuses anything that leaves the folder', () => {
    expect(['a.csv', 'a..b', '.hidden', 'x y'].every(isPlainFileName)).toBe(true);
    expect(['', '.', '..', 'a/b', 'a\\b', 'a\0b'].some(isPlainFileName)).toBe(false);
  });
});
