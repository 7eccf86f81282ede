import fs from 'node:fs/promises';
import path from 'node:path';
import { ChorusError, errnoOf } from '../core/errors.ts';
import { type Endpoint, fileEndpointSettings } from '../core/model/endpoint.ts';
import { displayPath, parseSettings } from './common.ts';
import { listFolderSources } from './folder-source.ts';
import { openFolderTarget } from './folder-target.ts';
import type { Connector, ConnectorContext } from './types.ts';

/** A folder on this machine; a relative folder is relative to the project folder. */
export const fileConnector: Connector = {
  kind: 'file',
  async testConnection(ctx, endpoint) {
    const dir = folderOf(ctx, endpoint);
    const shown = displayPath(ctx, dir);
    try {
      // Opening the folder proves it exists, is a folder and may be listed, on every platform.
      await (await fs.opendir(dir)).close();
    } catch (err) {
      const errno = errnoOf(err);
      const problem =
        errno === 'ENOENT' ? 'does not exist' : errno === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${errno ?? String(err)})`;
      throw new ChorusError('ENDPOINT_UNREACHABLE', `folder "${shown}" ${problem}`, { file: shown }, false, { cause: err });
    }
  },
  listSources: async (ctx, endpoint, activity) => listFolderSources(ctx, folderOf(ctx, endpoint), activity),
  openTarget: async (ctx, endpoint, activity) => openFolderTarget(ctx, folderOf(ctx, endpoint), activity),
};

function folderOf(ctx: ConnectorContext, endpoint: Endpoint): string {
  return path.resolve(ctx.projectDir, parseSettings(fileEndpointSettings, endpoint).folder);
}
