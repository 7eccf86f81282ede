import { MANIFEST_FILE } from '../core/model/project.ts';
import type { RepoClient } from './client.ts';
import { connect, type SyncOptions } from './connect.ts';
import { SyncError } from './errors.ts';
import { manifestChanges, manifestOf, readLocalFiles } from './local.ts';
import { integrate, refuseWhileConflicts, type PullResult } from './pull.ts';
import { putObjects, readState, writeState, type SyncState } from './state.ts';

export interface PushOptions extends SyncOptions {
  message?: string;
  /** When the head moved: pull, merge and push again (stopping at conflicts) instead of failing. */
  merge?: boolean;
}

export interface PushResult {
  /** The new revision; null when there was nothing to push. */
  revision: { id: string; seq: number } | null;
  /** Whether this push created the project on the server. */
  createdProject: boolean;
  /** Contents uploaded: only those the server did not have. */
  uploaded: number;
  /** The merges done on the way, with --merge. */
  merges: PullResult[];
}

/** Rounds of pull-merge-push before giving up, with --merge on a busy project. */
const MAX_ROUNDS = 5;

/**
 * Sends the folder as a revision whose parent is the base. Nothing local changes unless the
 * server accepted it, so a push that fails (server down, refused) is simply retried.
 */
export async function push(dir: string, options: PushOptions = {}): Promise<PushResult> {
  let state = await readState(dir);
  refuseWhileConflicts(state, 'push');
  const client = await connect(state, options);
  const result: PushResult = { revision: null, createdProject: false, uploaded: 0, merges: [] };
  if (!state.project) {
    state = await createRemoteProject(dir, state, client);
    result.createdProject = true;
  }
  for (let round = 1; ; round++) {
    const files = await readLocalFiles(dir);
    const manifest = manifestOf(files);
    // The revision goes as changes to the base (the server has the base's manifest).
    const changes = manifestChanges(state.base.manifest, manifest);
    if (state.base.revision !== null && Object.keys(changes.put).length === 0 && changes.delete.length === 0) return result;
    // The base's contents are on the server (it accepted or served that revision) and in the
    // object store: only contents new since the base are offered and stored.
    const known = new Set(Object.values(state.base.manifest));
    const fresh = new Map<string, string>();
    for (const [path, text] of files) if (!known.has(manifest[path])) fresh.set(manifest[path], text);
    result.uploaded += await client.uploadMissing(fresh);
    const answer = await client.createRevision(state.project!, { parent: state.base.revision, message: options.message ?? '', changes });
    if (answer.ok) {
      await putObjects(dir, fresh.values());
      await writeState(dir, { ...state, base: { revision: answer.revision.id, seq: answer.revision.seq, manifest } });
      result.revision = { id: answer.revision.id, seq: answer.revision.seq };
      return result;
    }
    if (!options.merge || round >= MAX_ROUNDS) {
      throw new SyncError(
        'SYNC_HEAD_MOVED',
        `the project moved on to revision ${answer.head.seq} since your base (revision ${state.base.seq}); nothing was pushed: run chorus pull, resolve any conflicts, then push again (or push --merge)`,
      );
    }
    const merged = await integrate(dir, state, client, answer.head);
    result.merges.push(merged);
    state = await readState(dir);
    if (merged.conflicts.length) {
      throw new SyncError('SYNC_CONFLICTS', `merged revision ${answer.head.seq}; ${merged.conflicts.length} component${merged.conflicts.length === 1 ? '' : 's'} conflict (${merged.conflicts.map((c) => c.component).join(', ')}): resolve them with chorus resolve, then push again`);
    }
  }
}

/** The first push of a folder creates its project, named as in chorus.json, in the remote's environment. */
async function createRemoteProject(dir: string, state: SyncState, client: RepoClient): Promise<SyncState> {
  const files = await readLocalFiles(dir);
  const name = projectName(files.get(MANIFEST_FILE));
  let project;
  try {
    project = await client.createProject(name, state.environment);
  } catch (err) {
    if (err instanceof SyncError && err.remote?.code === 'ALREADY_EXISTS') {
      throw new SyncError('SYNC_INVALID', `a project named "${name}" already exists in ${state.environment}: clone it (chorus clone ${state.url} "${name}" <dir>) or rename this one in ${MANIFEST_FILE}`, err.remote);
    }
    throw err;
  }
  const next = { ...state, project: project.id };
  await writeState(dir, next);
  return next;
}

function projectName(manifestText: string | undefined): string {
  try {
    const name = (JSON.parse(manifestText ?? '') as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim()) return name.trim();
  } catch {
    // reported below
  }
  throw new SyncError('SYNC_INVALID', `${MANIFEST_FILE} has no name; a project is created on the server under its name`);
}
