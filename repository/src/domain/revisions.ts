import { open, seal } from '../crypto/aead.ts';
import { projectAccess } from './access.ts';
import { audit } from './audit.ts';
import { missingBlobs, orgKey } from './blobs.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { notFound, RepoError } from './errors.ts';
import { newId } from './ids.ts';
import { decodeCursor, pageOf, type Page, type PageRequest } from './page.ts';

/** Component path (relative, `/` separators) -> SHA-256 of its content. */
export type Manifest = Record<string, string>;

/** How one manifest differs from another: contents put at paths (added or changed), paths deleted. */
export interface ManifestChanges {
  put: Manifest;
  delete: string[];
}

/** Most components a revision may list; far above real projects, low enough to bound a request. */
export const MAX_COMPONENTS = 20_000;

export interface Revision {
  id: string;
  project: string;
  /** 1 for the first revision of a project, then 2, 3, ... */
  seq: number;
  parent: string | null;
  author: string;
  message: string;
  componentCount: number;
  createdAt: string;
}

export interface RevisionWithManifest extends Revision {
  manifest: Manifest;
}

interface RevisionRow {
  id: string;
  project_id: string;
  seq: number | string;
  parent_id: string | null;
  author: string;
  message: string;
  component_count: number | string;
  created_at: string;
  manifest?: Buffer;
}

const columns = `r.id, r.project_id, r.seq, r.parent_id, u.name AS author, r.message, r.component_count, r.created_at`;

const toRevision = (r: RevisionRow): Revision => ({
  id: r.id,
  project: r.project_id,
  seq: Number(r.seq),
  parent: r.parent_id,
  author: r.author,
  message: r.message,
  componentCount: Number(r.component_count),
  createdAt: r.created_at,
});

/** Newest first. */
export async function listRevisions(deps: Deps, access: OrgAccess, projectId: string, page: PageRequest): Promise<Page<Revision>> {
  await projectAccess(deps, access, projectId, 'read');
  const params: unknown[] = [projectId];
  let where = 'r.project_id = ?';
  if (page.cursor !== undefined) {
    where += ' AND r.seq < ?';
    params.push(decodeCursor(page.cursor, ['number'])[0]);
  }
  const rows = await deps.db.all<RevisionRow>(
    `SELECT ${columns} FROM revisions r JOIN users u ON u.id = r.author_id WHERE ${where} ORDER BY r.seq DESC LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(rows, page.limit, toRevision, (r) => [Number(r.seq)]);
}

export async function getRevision(deps: Deps, access: OrgAccess, projectId: string, revisionId: string): Promise<RevisionWithManifest> {
  await projectAccess(deps, access, projectId, 'read');
  const row = await deps.db.get<RevisionRow>(
    `SELECT ${columns}, r.manifest FROM revisions r JOIN users u ON u.id = r.author_id WHERE r.id = ? AND r.project_id = ?`,
    [revisionId, projectId],
  );
  if (!row) throw notFound(`revision "${revisionId}"`);
  return { ...toRevision(row), manifest: openManifest(deps, access, row.id, row.manifest!) };
}

/**
 * What changed from revision `since` to revision `revisionId` of a project (from nothing
 * when `since` is absent): what a client based on `since` needs to know to reach it, in
 * bytes proportional to the change rather than to the project.
 */
export async function getChanges(deps: Deps, access: OrgAccess, projectId: string, revisionId: string, since?: string): Promise<ManifestChanges> {
  await projectAccess(deps, access, projectId, 'read');
  const ids = since === undefined ? [revisionId] : [revisionId, since];
  const rows = await deps.db.all<{ id: string; manifest: Buffer }>(
    `SELECT id, manifest FROM revisions WHERE project_id = ? AND id IN (${ids.map(() => '?').join(', ')})`,
    [projectId, ...ids],
  );
  const manifests = new Map(rows.map((r) => [r.id, openManifest(deps, access, r.id, r.manifest)]));
  for (const id of ids) if (!manifests.has(id)) throw notFound(`revision "${id}"`);
  return diffManifests(since === undefined ? {} : manifests.get(since)!, manifests.get(revisionId)!);
}

/**
 * Adds a revision on top of the head. `parent` is the client's base: when it is not the head
 * any more (another client pushed first), nothing is written and the answer is 409 with the
 * head, so the client merges and tries again. The head moves by compare-and-set on the
 * project row, so of two pushes on the same base exactly one wins, also across servers.
 */
export async function createRevision(
  deps: Deps,
  access: OrgAccess,
  projectId: string,
  input: { parent: string | null; message: string } & ({ manifest: Manifest; changes?: undefined } | { manifest?: undefined; changes: ManifestChanges }),
): Promise<Revision> {
  const { project } = await projectAccess(deps, access, projectId, 'write');
  let manifest: Manifest;
  let newHashes: string[];
  if (input.changes) {
    // The parent's contents were all present when it was stored, and contents are never
    // removed: only those put now need checking.
    manifest = applyChanges(await parentManifest(deps, access, project.id, input.parent), input.changes);
    newHashes = [...new Set(Object.values(input.changes.put))];
  } else {
    manifest = sortedManifest(input.manifest);
    newHashes = Object.values(manifest);
  }
  const missing = await missingBlobs(deps.db, access.org.id, newHashes);
  if (missing.length) throw new RepoError(422, 'BLOBS_MISSING', `${missing.length} component contents are not uploaded yet`, { missing });

  const revision: Revision = {
    id: newId(),
    project: project.id,
    seq: 0,
    parent: input.parent,
    author: access.actor.name,
    message: input.message,
    componentCount: Object.keys(manifest).length,
    createdAt: now(),
  };
  const sealed = seal(orgKey(deps, access), Buffer.from(JSON.stringify(manifest)), manifestContext(revision.id));

  return deps.db.transaction(async (tx) => {
    const parentSeq =
      input.parent === null ? 0 : Number((await tx.get<{ seq: number | string }>('SELECT seq FROM revisions WHERE id = ? AND project_id = ?', [input.parent, project.id]))?.seq ?? -1);
    revision.seq = parentSeq + 1;
    const moved =
      parentSeq < 0 ||
      (await tx.run('UPDATE projects SET head_revision_id = ?, head_seq = ? WHERE id = ? AND head_seq = ?', [revision.id, revision.seq, project.id, parentSeq])) === 0;
    if (moved) throw await headMoved(tx, project.id);
    await tx.run(
      'INSERT INTO revisions (id, project_id, seq, parent_id, author_id, message, manifest, component_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [revision.id, project.id, revision.seq, revision.parent, access.actor.userId, revision.message, sealed, revision.componentCount, revision.createdAt],
    );
    await audit(tx, access.actor, access.org.id, 'revision.create', `project:${project.id}`, { revision: revision.id, seq: revision.seq, parent: revision.parent });
    return revision;
  });
}

/** 409 HEAD_MOVED, carrying the project's current head. */
async function headMoved(db: Pick<Deps['db'], 'get'>, projectId: string): Promise<RepoError> {
  const head = await db.get<{ head_revision_id: string | null; head_seq: number | string }>('SELECT head_revision_id, head_seq FROM projects WHERE id = ?', [projectId]);
  return new RepoError(409, 'HEAD_MOVED', 'the project has moved on since your base revision: pull, merge, and push again', {
    head: head?.head_revision_id ? { id: head.head_revision_id, seq: Number(head.head_seq) } : null,
  });
}

/** The manifest changes apply to: the parent's, nothing for a first revision; 409 for a parent not of this project. */
async function parentManifest(deps: Deps, access: OrgAccess, projectId: string, parent: string | null): Promise<Manifest> {
  if (parent === null) return {};
  const row = await deps.db.get<{ manifest: Buffer }>('SELECT manifest FROM revisions WHERE id = ? AND project_id = ?', [parent, projectId]);
  if (!row) throw await headMoved(deps.db, projectId);
  return openManifest(deps, access, parent, row.manifest);
}

/** The parent's manifest with the changes made; a deleted path must be there to delete. */
function applyChanges(parent: Manifest, changes: ManifestChanges): Manifest {
  const manifest = { ...parent, ...changes.put };
  changes.delete.forEach((path, i) => {
    if (!Object.hasOwn(parent, path)) {
      const field = `$.changes.delete[${i}]`;
      throw new RepoError(400, 'INVALID_REQUEST', `body ${field}: the parent revision has no ${path} to delete`, { field, in: 'body', errors: [{ field, message: 'not in the parent revision' }] });
    }
    delete manifest[path];
  });
  if (Object.keys(manifest).length > MAX_COMPONENTS) {
    const field = '$.changes.put';
    const message = `at most ${MAX_COMPONENTS} components`;
    throw new RepoError(400, 'INVALID_REQUEST', `body ${field}: ${message}`, { field, in: 'body', errors: [{ field, message }] });
  }
  return sortedManifest(manifest);
}

/** What turns manifest `from` into `to`, paths in order. */
function diffManifests(from: Manifest, to: Manifest): ManifestChanges {
  const put: Manifest = {};
  for (const [path, hash] of Object.entries(to)) if (from[path] !== hash) put[path] = hash;
  return { put: sortedManifest(put), delete: Object.keys(from).filter((path) => !Object.hasOwn(to, path)).sort() };
}

function openManifest(deps: Deps, access: OrgAccess, revisionId: string, sealed: Buffer): Manifest {
  return JSON.parse(open(orgKey(deps, access), sealed, manifestContext(revisionId)).toString('utf8')) as Manifest;
}

function sortedManifest(manifest: Manifest): Manifest {
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const manifestContext = (revisionId: string) => `manifest:${revisionId}`;
