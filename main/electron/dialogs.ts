/**
 * The folder dialog of the desktop studio: the native one, with its answer checked the
 * same way as a typed path (an existing folder to open; a new or empty one to create in).
 */
import type { BrowserWindow, Dialog } from 'electron';
import { chooseTypedFolder } from '../services/dialogs.ts';
import type { StudioHandlers } from '../../preload/contract.ts';

export function nativeChooseFolder(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: () => BrowserWindow | undefined,
): StudioHandlers['dialogs']['chooseFolder'] {
  return async ({ purpose, typed }) => {
    // A path the user typed (the welcome screen's field) is taken as it is.
    if (typed !== undefined) return chooseTypedFolder({ purpose, typed });
    const options = {
      title: purpose === 'open' ? 'Open Project Folder' : 'New Project Folder',
      buttonLabel: purpose === 'open' ? 'Open' : 'Create Here',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[],
    };
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const chosen = result.filePaths[0];
    if (result.canceled || chosen === undefined) return { folder: null };
    return chooseTypedFolder({ purpose, typed: chosen });
  };
}
