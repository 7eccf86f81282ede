import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { nativeChooseFolder } from './dialogs.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(() => tmp.cleanup());

const fakeDialog = (answer: { canceled: boolean; filePaths: string[] }) => {
  const showOpenDialog = vi.fn(async (..._args: unknown[]) => answer);
  return { dialog: { showOpenDialog } as unknown as Pick<Dialog, 'showOpenDialog'>, showOpenDialog };
};

describe('nativeChooseFolder', () => {
  it('shows the native dialog on the window and checks its answer like a typed path', async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const full = path.join(tmp.dir, 'full');
    await mkdir(full);
    await writeFile(path.join(full, 'x'), '');

    const opened = fakeDialog({ canceled: false, filePaths: [full] });
    expect(await nativeChooseFolder(opened.dialog, () => window)({ purpose: 'open' })).toEqual({ folder: full });
    expect(opened.showOpenDialog.mock.calls[0][0]).toBe(window);

    // A project cannot be created in a folder that has files.
    const create = fakeDialog({ canceled: false, filePaths: [full] });
    await expect(nativeChooseFolder(create.dialog, () => undefined)({ purpose: 'create' })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
  });

  it('answers null on cancel, and takes a typed path without a dialog', async () => {
    const cancelled = fakeDialog({ canceled: true, filePaths: [] });
    expect(await nativeChooseFolder(cancelled.dialog, () => undefined)({ purpose: 'open' })).toEqual({ folder: null });
    const typed = fakeDialog({ canceled: true, filePaths: [] });
    expect(await nativeChooseFolder(typed.dialog, () => undefined)({ purpose: 'open', typed: tmp.dir })).toEqual({ folder: tmp.dir });
    expect(typed.showOpenDialog).not.toHaveBeenCalled();
  });
});
