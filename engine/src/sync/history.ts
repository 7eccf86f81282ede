import type { RemoteRevision } from './client.ts';
import { connect, type SyncOptions } from './connect.ts';
import { SyncError } from './errors.ts';
import { readState } from './state.ts';

/** The project's revisions, newest first, and which one the folder is based on. */
export async function history(dir: string, options: SyncOptions & { limit?: number } = {}): Promise<{ revisions: RemoteRevision[]; base: string | null }> {
  const state = await readState(dir);
  if (!state.project) return { revisions: [], base: null };
  const client = await connect(state, options);
  return { revisions: await client.listRevisions(state.project, options.limit ?? 50), base: state.base.revision };
}

/** Makes the folder's base revision (what was last pushed or pulled, not unpushed edits) live in an environment. */
export async function deploy(dir: string, environment: string, options: SyncOptions = {}): Promise<{ environment: string; revision: string; seq: number }> {
  const state = await readState(dir);
  if (!state.project || !state.base.revision) throw new SyncError('SYNC_INVALID', 'nothing to deploy: push the project first');
  const client = await connect(state, options);
  return client.deploy(environment, state.project, state.base.revision);
}
