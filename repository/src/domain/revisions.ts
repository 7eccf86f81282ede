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
  const manifest = JSON.parse(open(orgKey(deps, access), row.manifest!, manifestContext(row.id)).toString('utf8')) as Manifest;
  return { ...toRevision(row), manifest };
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
  input: { parent: string | null; message: string; manifest: Manifest },
): Promise<RevisionWithManifest> {
  const { project } = await projectAccess(deps, access, projectId, 'write');
  const missing = await missingBlobs(deps.db, access.org.id, Object.values(input.manifest));
  if (missing.length) throw new RepoError(422, 'BLOBS_MISSING', `${missing.length} component contents are not uploaded yet`, { missing });

  const manifest = sortedManifest(input.manifest);
  const revision: RevisionWithManifest = {
    id: newId(),
    project: project.id,
    seq: 0,
    parent: input.parent,
    author: access.actor.name,
    message: input.message,
    componentCount: Object.keys(manifest).length,
    createdAt: now(),
    manifest,
  };
  const sealed = seal(orgKey(deps, access), Buffer.from(JSON.stringify(manifest)), manifestContext(revision.id));

  return deps.db.transaction(async (tx) => {
    const parentSeq =
      input.parent === null ? 0 : Number((await tx.get<{ seq: number | string }>('SELECT seq FROM revisions WHERE id = ? AND project_id = ?', [input.parent, project.id]))?.seq ?? -1);
    revision.seq = parentSeq + 1;
    const moved =
      parentSeq < 0 ||
      (await tx.run('UPDATE projects SET head_revision_id = ?, head_seq = ? WHERE id = ? AND head_seq = ?', [revision.id, revision.seq, project.id, parentSeq])) === 0;
    if (moved) {
      const head = await tx.get<{ head_revision_id: string | null; head_seq: number | string }>('SELECT head_revision_id, head_seq FROM projects WHERE id = ?', [project.id]);
      throw new RepoError(409, 'HEAD_MOVED', 'the project has moved on since your base revision: pull, merge, and push again', {
        head: head?.head_revision_id ? { id: head.head_revision_id, seq: Number(head.head_seq) } : null,
      });
    }
    await tx.run(
      'INSERT INTO revisions (id, project_id, seq, parent_id, author_id, message, manifest, component_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [revision.id, project.id, revision.seq, revision.parent, access.actor.userId, revision.message, sealed, revision.componentCount, revision.createdAt],
    );
    await audit(tx, access.actor, access.org.id, 'revision.create', `project:${project.id}`, { revision: revision.id, seq: revision.seq, parent: revision.parent });
    return revision;
  });
}

function sortedManifest(manifest: Manifest): Manifest {
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const manifestContext = (revisionId: string) => `manifest:${revisionId}`;
