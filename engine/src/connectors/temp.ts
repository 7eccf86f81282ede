import fs from 'node:fs/promises';
import path from 'node:path';
import { type Endpoint, tempEndpointSettings } from '../core/model/endpoint.ts';
import { displayPath, fsError, parseSettings } from './common.ts';
import { listFolderSources } from './folder-source.ts';
import { openFolderTarget } from './folder-target.ts';
import type { Connector, ConnectorContext } from './types.ts';

/**
 * Temporary storage private to a run chain: the file connector's behaviour on a folder of the
 * chain's temp folder, created on first write. Until then, reading finds no file.
 */
export const tempConnector: Connector = {
  kind: 'temp',
  // Nothing can be unreachable: the folder is made on demand.
  testConnection: async (ctx, endpoint) => void folderOf(ctx, endpoint),
  listSources: async (ctx, endpoint, activity) =>
    listFolderSources(ctx, folderOf(ctx, endpoint), activity, { missingIsEmpty: true }),
  async openTarget(ctx, endpoint, activity) {
    const dir = folderOf(ctx, endpoint);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (err) {
      const shown = displayPath(ctx, dir);
      throw fsError('TARGET_WRITE_FAILED', err, `could not create temporary folder ${shown}`, shown);
    }
    return openFolderTarget(ctx, dir, activity);
  },
};

function folderOf(ctx: ConnectorContext, endpoint: Endpoint): string {
  parseSettings(tempEndpointSettings, endpoint);
  return path.join(ctx.chainTempDir, endpoint.id);
}
