import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { chooseTypedFolder } from './dialogs.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => (tmp = await tempDir()));
afterEach(() => tmp.cleanup());

describe('chooseTypedFolder', () => {
  it('answers an existing folder to open', async () => {
    expect(await chooseTypedFolder({ purpose: 'open', typed: `  ${tmp.dir}  ` })).toEqual({ folder: tmp.dir });
    await expect(chooseTypedFolder({ purpose: 'open', typed: path.join(tmp.dir, 'missing') })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
  });

  it('answers a new or empty folder in an existing parent to create in', async () => {
    expect(await chooseTypedFolder({ purpose: 'create', typed: path.join(tmp.dir, 'new') })).toEqual({ folder: path.join(tmp.dir, 'new') });
    await mkdir(path.join(tmp.dir, 'full'));
    await writeFile(path.join(tmp.dir, 'full/x'), '');
    await expect(chooseTypedFolder({ purpose: 'create', typed: path.join(tmp.dir, 'full') })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
    await expect(chooseTypedFolder({ purpose: 'create', typed: path.join(tmp.dir, 'no/such/parent') })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
  });

  it('treats an empty answer as cancel, and asks for a path when none is given', async () => {
    expect(await chooseTypedFolder({ purpose: 'open', typed: '' })).toEqual({ folder: null });
    await expect(chooseTypedFolder({ purpose: 'open' })).rejects.toMatchObject({ code: 'DIALOG_NEEDS_PATH' });
  });
});
