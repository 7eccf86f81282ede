import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errnoOf } from './errors.ts';

describe('errnoOf', () => {
  it('gives the code of a system error, and nothing for anything else', async () => {
    expect(errnoOf(await readFile('/no/such/file').catch((e: unknown) => e))).toBe('ENOENT');
    expect(errnoOf(Object.assign(new Error('busy'), { code: 'EBUSY' }))).toBe('EBUSY');
    for (const other of [new Error('plain'), { code: 42 }, null, undefined, 'ENOENT']) expect(errnoOf(other)).toBeUndefined();
  });
});
