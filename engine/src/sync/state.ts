import { access, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { LOCAL_FOLDER } from '../core/model/project.ts';
import { writeFileAtomic } from '../project/atomic.ts';
import { sha256 } from './client.ts';
import { SyncError } from './errors.ts';
import { isSyncablePath } from './local.ts';

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.record(z.string().refine(isSyncablePath), hash);

const conflictSchema = z.strictObject({
  details: z.array(z.string()),
  /** Per file of the component: whether each candidate has it (false: that candidate deletes it). */
  files: z.record(z.string().refine(isSyncablePath), z.strictObject({ mine: z.boolean(), theirs: z.boolean() })),
});

const stateSchema = z.strictObject({
  version: z.literal(1),
  url: z.string(),
  org: z.string(),
  environment: z.string(),
  /** Null until the first push creates the project on the server. */
  project: z.string().nullable(),
  base: z.strictObject({
    /** The revision the folder was last in sync with; null before the first push. */
    revision: z.string().nullable(),
    seq: z.number().int(),
    manifest: manifestSchema,
  }),
  conflicts: z.record(z.string(), conflictSchema),
});

/** What a project folder knows about its remote, in `.chorus/sync/state.json`. */
export type SyncState = z.infer<typeof stateSchema>;
export type ConflictRecord = z.infer<typeof conflictSchema>;

/** `.chorus/sync/` of a project: never synced, never bundled. */
export function syncDir(dir: string): string {
  return join(dir, LOCAL_FOLDER, 'sync');
}

export async function readState(dir: string): Promise<SyncState> {
  let text: string;
  try {
    text = await readFile(join(syncDir(dir), 'state.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SyncError('SYNC_NOT_CONFIGURED', `${dir} has no remote: run chorus remote add ${dir} <url> (or chorus clone)`);
    throw err;
  }
  let parsed;
  try {
    parsed = stateSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new SyncError('SYNC_NOT_CONFIGURED', `${join(syncDir(dir), 'state.json')} is damaged; clone the project again into a new folder`);
  return parsed.data;
}

export async function writeState(dir: string, state: SyncState): Promise<void> {
  await mkdir(syncDir(dir), { recursive: true });
  await writeFileAtomic(join(syncDir(dir), 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Base contents by hash in `.chorus/sync/objects/`: what a three-way merge needs as its base,
 * and what status compares against, without asking the server.
 */
export async function putObjects(dir: string, contents: Iterable<string>): Promise<void> {
  const folder = join(syncDir(dir), 'objects');
  await mkdir(folder, { recursive: true });
  for (const text of contents) {
    const path = join(folder, sha256(text));
    if (!(await exists(path))) await writeFileAtomic(path, text);
  }
}

export async function hasObject(dir: string, hashOf: string): Promise<boolean> {
  return exists(join(syncDir(dir), 'objects', hashOf));
}

/**
 * The files of a manifest, read from the object store. `known` (contents by hash) spares
 * reading what is already in memory, and learns what is read.
 */
export async function readBaseFiles(dir: string, manifest: Record<string, string>, known = new Map<string, string>()): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [path, h] of Object.entries(manifest)) {
    const text = known.get(h);
    if (text !== undefined) {
      files.set(path, text);
      continue;
    }
    try {
      const read = await readFile(join(syncDir(dir), 'objects', h), 'utf8');
      known.set(h, read);
      files.set(path, read);
    } catch (err) {
      throw new SyncError('SYNC_NOT_CONFIGURED', `the base content of ${path} is missing from ${join(syncDir(dir), 'objects')}; clone the project again`, undefined, { cause: err });
    }
  }
  return files;
}

/** Where a conflict candidate is kept: `.chorus/sync/conflicts/<path>.mine` or `.theirs`. */
export function conflictFile(dir: string, path: string, side: 'mine' | 'theirs'): string {
  return join(syncDir(dir), 'conflicts', `${path}.${side}`);
}

export async function writeConflictCandidate(dir: string, path: string, side: 'mine' | 'theirs', text: string): Promise<void> {
  const file = conflictFile(dir, path, side);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
}

export async function readConflictCandidate(dir: string, path: string, side: 'mine' | 'theirs'): Promise<string> {
  return readFile(conflictFile(dir, path, side), 'utf8');
}

export async function removeConflictCandidates(dir: string, paths: Iterable<string>): Promise<void> {
  for (const path of paths) for (const side of ['mine', 'theirs'] as const) await rm(conflictFile(dir, path, side), { force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
