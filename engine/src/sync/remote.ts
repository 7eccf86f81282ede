import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../core/model/project.ts';
import { normalizeUrl } from './client.ts';
import { SyncError } from './errors.ts';
import { readState, writeState, type SyncState } from './state.ts';

export interface RemoteSettings {
  org?: string;
  environment?: string;
}

/** Links a project folder to a repository; the first push creates the project there. */
export async function addRemote(dir: string, url: string, settings: RemoteSettings = {}): Promise<SyncState> {
  try {
    await access(join(dir, MANIFEST_FILE));
  } catch {
    throw new SyncError('SYNC_INVALID', `${dir} is not a Chorus project (no ${MANIFEST_FILE})`);
  }
  const existing = await readState(dir).catch((err: unknown) => {
    if (err instanceof SyncError && err.code === 'SYNC_NOT_CONFIGURED') return undefined;
    throw err;
  });
  if (existing) throw new SyncError('SYNC_INVALID', `${dir} already syncs with ${existing.url} (organisation ${existing.org}, environment ${existing.environment})`);
  const state: SyncState = {
    version: 1,
    url: normalizeUrl(url),
    org: settings.org ?? 'default',
    environment: settings.environment ?? 'Development',
    project: null,
    base: { revision: null, seq: 0, manifest: {} },
    conflicts: {},
  };
  await writeState(dir, state);
  return state;
}
