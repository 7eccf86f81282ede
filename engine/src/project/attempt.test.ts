import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChorusError } from '../core/errors.ts';
import { attempt } from './attempt.ts';
import { copyFolder } from './copy-folder.ts';
import { tempFolders } from './test-helpers.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

describe('attempt', () => {
  it('turns a failed action into PROJECT_WRITE_FAILED about the file, keeping a ChorusError as it is', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const err = await attempt('endpoints/a.json', () => Promise.reject(denied)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROJECT_WRITE_FAILED', message: 'cannot write endpoints/a.json: EACCES: permission denied', location: { file: 'endpoints/a.json' }, cause: denied });
    expect(await attempt('x', () => Promise.reject(denied), 'copy a to x').catch((e: unknown) => (e as Error).message)).toBe('cannot copy a to x: EACCES: permission denied');
    const own = new ChorusError('PROJECT_INVALID', 'mine');
    expect(await attempt('x', () => Promise.reject(own)).catch((e: unknown) => e)).toBe(own);
    expect(await attempt('x', () => Promise.resolve(7))).toBe(7);
  });

  it('reports a failed copy with both paths', async () => {
    const from = await temp.make();
    const to = await temp.make();
    await mkdir(join(from, 'sub'));
    await writeFile(join(from, 'sub', 'a.txt'), 'new');
    await mkdir(join(to, 'sub'));
    const err = await copyFolder(from, to).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROJECT_WRITE_FAILED', message: expect.stringContaining(`cannot copy ${join(from, 'sub')} to ${join(to, 'sub')}: `), location: { file: join(to, 'sub') } });
  });
});
