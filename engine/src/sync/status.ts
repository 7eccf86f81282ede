import { connect, type SyncOptions } from './connect.ts';
import { SyncError } from './errors.ts';
import { changesBetween, manifestOf, readLocalFiles, type Change } from './local.ts';
import { readState } from './state.ts';

export type SyncSummary = 'in sync' | 'ahead' | 'behind' | 'diverged' | 'conflicts';

export interface SyncStatus {
  summary: SyncSummary;
  remote: { url: string; org: string; environment: string; project: string | null };
  base: { revision: string | null; seq: number };
  /** The server's head; undefined when it was not asked (offline, or `offline` requested). */
  head?: { id: string; seq: number } | null;
  /** Why the server was not reached, when it was asked and did not answer. */
  offline?: string;
  /** Files changed in the folder since the base. */
  changes: Change[];
  conflicts: { component: string; details: string[] }[];
}

/**
 * Where the folder stands against its base and, when reachable, the server's head. Local
 * facts never need the server: offline, `behind` is simply unknown.
 */
export async function status(dir: string, options: SyncOptions & { offline?: boolean } = {}): Promise<SyncStatus> {
  const state = await readState(dir);
  const changes = changesBetween(state.base.manifest, manifestOf(await readLocalFiles(dir)));
  const conflicts = Object.entries(state.conflicts).map(([component, c]) => ({ component, details: c.details }));
  let head: SyncStatus['head'];
  let offline: string | undefined;
  if (state.project && !options.offline) {
    try {
      head = (await (await connect(state, { timeoutMs: 5000, ...options })).getProject(state.project)).head;
    } catch (err) {
      if (!(err instanceof SyncError) || (err.code !== 'SYNC_OFFLINE' && err.code !== 'SYNC_NO_TOKEN')) throw err;
      offline = err.message;
    }
  }
  const ahead = changes.length > 0 || state.base.revision === null;
  const behind = head != null && head.id !== state.base.revision;
  const summary: SyncSummary = conflicts.length ? 'conflicts' : ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'in sync';
  return {
    summary,
    remote: { url: state.url, org: state.org, environment: state.environment, project: state.project },
    base: { revision: state.base.revision, seq: state.base.seq },
    head,
    offline,
    changes,
    conflicts,
  };
}
