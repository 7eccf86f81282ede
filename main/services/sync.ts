import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { componentOf } from '../../engine/src/core/merge/files.ts';
import { connect, tokenKey, type SyncOptions } from '../../engine/src/sync/connect.ts';
import { SyncError } from '../../engine/src/sync/errors.ts';
import { deploy, history } from '../../engine/src/sync/history.ts';
import { changesBetween, manifestOf, readLocalFiles, writeProjectFiles } from '../../engine/src/sync/local.ts';
import { pull } from '../../engine/src/sync/pull.ts';
import { push } from '../../engine/src/sync/push.ts';
import { resolve } from '../../engine/src/sync/resolve.ts';
import { takeSnapshot } from '../../engine/src/sync/snapshot.ts';
import { hasObject, readBaseFiles, readConflictCandidate, readState, type SyncState } from '../../engine/src/sync/state.ts';
import { status } from '../../engine/src/sync/status.ts';
import type { Vault } from '../../engine/src/vault/vault.ts';
import type { ConflictFileView, RequestOf, ResponseOf } from '../../preload/contract.ts';
import type { EventHub } from './events.ts';
import { HostError } from './host-error.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { mergeBaseOf, rememberMergeBase } from './sync-merge-base.ts';

/**
 * The studio's side of syncing a project with a design repository: the engine's sync client
 * (the same functions as `chorus pull`, `push`, ...) behind the studio API. Operations that
 * change a folder run one at a time per folder, and each announces `sync.changed`, failed or
 * not (a push stopped by conflicts has still merged). Sync errors keep their stable codes.
 */
export class SyncService {
  readonly #events: EventHub;
  readonly #vault: () => Promise<Vault>;
  readonly #queue = new KeyedQueue();

  constructor(options: { events: EventHub; vault: () => Promise<Vault> }) {
    this.#events = options.events;
    this.#vault = options.vault;
  }

  async status({ folder }: RequestOf<'sync', 'status'>): Promise<ResponseOf<'sync', 'status'>> {
    let state: SyncState;
    try {
      state = await readState(folder);
    } catch (err) {
      if (err instanceof SyncError && err.code === 'SYNC_NOT_CONFIGURED') return { state: 'not connected', reason: err.message, changes: [], conflicts: [] };
      throw translate(err);
    }
    const s = await sync(async () => status(folder, await this.#options(state)));
    return {
      state: s.summary === 'conflicts' ? 'conflicts' : s.offline !== undefined ? 'offline' : s.summary,
      remote: s.remote,
      base: s.base,
      ...(s.head !== undefined ? { head: s.head } : {}),
      ...(s.offline !== undefined ? { reason: s.offline } : {}),
      changes: s.changes,
      conflicts: s.conflicts,
    };
  }

  pull({ folder }: RequestOf<'sync', 'pull'>): Promise<ResponseOf<'sync', 'pull'>> {
    return this.#merging(folder, async (options) => {
      const r = await pull(folder, options);
      return { revision: r.revision, upToDate: r.upToDate, written: r.written, deleted: r.deleted, conflicts: r.conflicts };
    });
  }

  push({ folder, message, merge }: RequestOf<'sync', 'push'>): Promise<ResponseOf<'sync', 'push'>> {
    return this.#merging(folder, async (options) => {
      const r = await push(folder, { ...options, message, merge });
      return { revision: r.revision, createdProject: r.createdProject, uploaded: r.uploaded, merges: r.merges.length };
    });
  }

  async conflicts({ folder }: RequestOf<'sync', 'conflicts'>): Promise<ResponseOf<'sync', 'conflicts'>> {
    return sync(async () => {
      const state = await readState(folder);
      const baseManifest = await mergeBaseOf(folder, state);
      const out: ResponseOf<'sync', 'conflicts'> = [];
      for (const [component, conflict] of Object.entries(state.conflicts)) {
        const files: ConflictFileView[] = [];
        for (const [file, has] of Object.entries(conflict.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
          const baseHash = baseManifest?.[file];
          files.push({
            path: file,
            format: file.endsWith('.json') ? 'json' : 'text',
            base: baseHash ? ((await readBaseFiles(folder, { [file]: baseHash })).get(file) ?? null) : null,
            mine: has.mine ? await readConflictCandidate(folder, file, 'mine') : null,
            theirs: has.theirs ? await readConflictCandidate(folder, file, 'theirs') : null,
          });
        }
        out.push({ component, details: conflict.details, files });
      }
      return out;
    });
  }

  resolve(request: RequestOf<'sync', 'resolve'>): Promise<ResponseOf<'sync', 'resolve'>> {
    const { folder, component } = request;
    return this.#changing(folder, async () => {
      if (request.choice !== 'content') return resolve(folder, component, { take: request.choice });
      if (request.file !== component && componentOf(request.file) !== component) {
        throw new SyncError('SYNC_INVALID', `${request.file} is not a file of ${component}`);
      }
      // The engine's resolve takes a hand-made version as a file, as `chorus resolve --file` does.
      const temp = await mkdtemp(path.join(tmpdir(), 'chorus-resolve-'));
      try {
        const file = path.join(temp, path.basename(request.file));
        await writeFile(file, request.content);
        return await resolve(folder, request.file, { file });
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    });
  }

  async log({ folder, limit }: RequestOf<'sync', 'log'>): Promise<ResponseOf<'sync', 'log'>> {
    return sync(async () => {
      const { revisions, base } = await history(folder, { ...(await this.#options(await readState(folder))), limit });
      return { revisions: revisions.map((r) => ({ id: r.id, seq: r.seq, parent: r.parent, author: r.author, message: r.message, createdAt: r.createdAt, base: r.id === base })) };
    });
  }

  async revisionFiles({ folder, revision }: RequestOf<'sync', 'revisionFiles'>): Promise<ResponseOf<'sync', 'revisionFiles'>> {
    return sync(async () => ({ files: Object.fromEntries(await this.#filesOf(folder, revision)) }));
  }

  restore({ folder, revision }: RequestOf<'sync', 'restore'>): Promise<ResponseOf<'sync', 'restore'>> {
    return this.#changing(folder, async () => {
      const state = await readState(folder);
      if (Object.keys(state.conflicts).length) throw new SyncError('SYNC_CONFLICTS', 'resolve the open conflicts before restoring a revision');
      const next = await this.#filesOf(folder, revision);
      const current = await readLocalFiles(folder);
      // Work since the base is copied aside first (the base itself is in the object store), as a pull does.
      const changes = changesBetween(state.base.manifest, manifestOf(current));
      if (changes.length) await takeSnapshot(folder, current, changes, state.base.revision);
      return writeProjectFiles(folder, current, next);
    });
  }

  deploy({ folder, environment }: RequestOf<'sync', 'deploy'>): Promise<ResponseOf<'sync', 'deploy'>> {
    return this.#changing(folder, async () => {
      const done = await deploy(folder, environment, await this.#options(await readState(folder)));
      return { environment: done.environment, revision: done.revision, seq: done.seq };
    });
  }

  /** A revision's files: contents already in the object store are not downloaded again. */
  async #filesOf(folder: string, revision: string): Promise<Map<string, string>> {
    const state = await readState(folder);
    if (!state.project) throw new SyncError('SYNC_INVALID', 'the project has not been pushed yet: it has no revisions');
    const client = await connect(state, await this.#options(state));
    const { manifest } = await client.getRevision(state.project, revision);
    const missing: string[] = [];
    for (const hash of new Set(Object.values(manifest))) if (!(await hasObject(folder, hash))) missing.push(hash);
    return readBaseFiles(folder, manifest, await client.download(missing));
  }

  /** A pull or push: when it leaves conflicts, the base it merged from is kept for the conflict view. */
  #merging<T>(folder: string, operation: (options: SyncOptions) => Promise<T>): Promise<T> {
    return this.#changing(folder, async () => {
      const before = await readState(folder);
      try {
        return await operation(await this.#options(before));
      } finally {
        await rememberMergeBase(folder, before, await readState(folder));
      }
    });
  }

  #changing<T>(folder: string, operation: () => Promise<T>): Promise<T> {
    return this.#queue.run(path.resolve(folder), async () => {
      try {
        return await sync(operation);
      } finally {
        this.#events.emit({ type: 'sync.changed', folder });
      }
    });
  }

  /** The studio's vault may hold the server's token (the OS keychain in Electron); else the engine looks in CHORUS_TOKEN and the user's vault. */
  async #options(state: SyncState): Promise<SyncOptions> {
    const token = await this.#vault()
      .then((vault) => vault.get(tokenKey(state.url)))
      .catch(() => undefined);
    return token ? { token } : {};
  }
}

/** Runs a sync call, its SyncErrors becoming host errors with the same code. */
async function sync<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw translate(err);
  }
}

function translate(err: unknown): unknown {
  return err instanceof SyncError ? new HostError(err.code, err.message) : err;
}
