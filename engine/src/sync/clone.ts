import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCAL_FOLDER } from '../core/model/project.ts';
import { normalizeUrl, type RemoteProject } from './client.ts';
import { connect, type SyncOptions } from './connect.ts';
import { SyncError } from './errors.ts';
import { isSyncablePath, writeProjectFiles } from './local.ts';
import { putObjects, writeState } from './state.ts';

export interface CloneOptions extends SyncOptions {
  org?: string;
  /** Needed only when projects of that name exist in several environments. */
  environment?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates a project folder from the head of a project in a repository (by id or name). */
export async function clone(url: string, projectRef: string, dir: string, options: CloneOptions = {}): Promise<{ project: RemoteProject; files: number }> {
  const root = resolve(dir);
  const org = options.org ?? 'default';
  const client = await connect({ url, org }, options);
  const project = await findProject(client, projectRef, options.environment);
  if (!project.head) throw new SyncError('SYNC_INVALID', `project "${project.name}" has no revisions yet: nothing to clone`);
  const revision = await client.getRevision(project.id, project.head.id);
  const bad = Object.keys(revision.manifest).find((path) => !isSyncablePath(path));
  if (bad) throw new SyncError('SYNC_INVALID', `revision ${revision.seq} names ${bad}, which is not a project file`);
  const contents = await client.download([...new Set(Object.values(revision.manifest))]);

  const created = await prepareEmptyFolder(root);
  try {
    const files = new Map(Object.entries(revision.manifest).map(([path, hash]) => [path, contents.get(hash)!]));
    await writeProjectFiles(root, new Map(), files);
    await writeFile(join(root, '.gitignore'), `${LOCAL_FOLDER}/\n`);
    await putObjects(root, contents.values());
    await writeState(root, {
      version: 1,
      url: normalizeUrl(url),
      org,
      environment: project.environment,
      project: project.id,
      base: { revision: revision.id, seq: revision.seq, manifest: revision.manifest },
      conflicts: {},
    });
    return { project, files: files.size };
  } catch (err) {
    // A failed clone leaves the disk as it found it.
    if (created) await rm(root, { recursive: true, force: true });
    else for (const entry of await readdir(root)) await rm(join(root, entry), { recursive: true, force: true });
    throw err;
  }
}

async function findProject(client: Awaited<ReturnType<typeof connect>>, ref: string, environment?: string): Promise<RemoteProject> {
  if (UUID.test(ref)) return client.getProject(ref.toLowerCase());
  const found = await client.findProjects(ref, environment);
  if (found.length === 0) throw new SyncError('SYNC_INVALID', `no project named "${ref}"${environment ? ` in ${environment}` : ''} that you can read`);
  if (found.length > 1) throw new SyncError('SYNC_INVALID', `projects named "${ref}" exist in ${found.map((p) => p.environment).join(', ')}: choose one with --environment`);
  return found[0];
}

/** True when the folder was created here (so a failure removes it). */
async function prepareEmptyFolder(root: string): Promise<boolean> {
  try {
    if ((await readdir(root)).length) throw new SyncError('SYNC_INVALID', `${root} is not empty; clone into a new or empty folder`);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(root, { recursive: true });
  return true;
}
