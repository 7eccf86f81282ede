import { environmentAccess, projectAccess, type ProjectRow } from './access.ts';
import { audit } from './audit.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { newId } from './ids.ts';
import { decodeCursor, pageOf, type Page, type PageRequest } from './page.ts';
import { rolesUpTo } from './roles.ts';
import { uniquely } from './unique.ts';

export interface Project {
  id: string;
  name: string;
  environment: string;
  /** The latest revision; null until the first push. */
  head: { id: string; seq: number } | null;
  createdAt: string;
}

const toProject = (p: ProjectRow, environment: string): Project => ({
  id: p.id,
  name: p.name,
  environment,
  head: p.head_revision_id === null ? null : { id: p.head_revision_id, seq: Number(p.head_seq) },
  createdAt: p.created_at,
});

export async function createProject(deps: Deps, access: OrgAccess, input: { name: string; environment: string }): Promise<Project> {
  const env = await environmentAccess(deps, access, input.environment, 'write');
  const row: ProjectRow = { id: newId(), name: input.name, environment_id: env.id, head_revision_id: null, head_seq: 0, created_at: now() };
  await uniquely(deps, `project "${input.name}" in environment "${env.name}"`, () =>
    deps.db.transaction(async (tx) => {
      await tx.run('INSERT INTO projects (id, organisation_id, environment_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        row.id,
        access.org.id,
        env.id,
        row.name,
        access.actor.userId,
        row.created_at,
      ]);
      await audit(tx, access.actor, access.org.id, 'project.create', `project:${row.id}`, { name: row.name, environment: env.name });
    }),
  );
  return toProject(row, env.name);
}

export async function getProject(deps: Deps, access: OrgAccess, projectId: string): Promise<Project> {
  const { project, env } = await projectAccess(deps, access, projectId, 'read');
  return toProject(project, env.name);
}

/** The projects in environments the caller may read, by name; optionally of one environment or with one name. */
export async function listProjects(deps: Deps, access: OrgAccess, filter: { environment?: string; name?: string }, page: PageRequest): Promise<Page<Project>> {
  const readable = rolesUpTo(access.role);
  let where = `p.organisation_id = ? AND e.read_role IN (${readable.map(() => '?').join(', ')})`;
  const params: unknown[] = [access.org.id, ...readable];
  if (filter.environment !== undefined) {
    where += ' AND e.name = ?';
    params.push(filter.environment);
  }
  if (filter.name !== undefined) {
    where += ' AND p.name = ?';
    params.push(filter.name);
  }
  if (page.cursor !== undefined) {
    const [name, id] = decodeCursor(page.cursor, ['string', 'string']);
    where += ' AND (p.name > ? OR (p.name = ? AND p.id > ?))';
    params.push(name, name, id);
  }
  const rows = await deps.db.all<ProjectRow & { env_name: string }>(
    `SELECT p.id, p.name, p.environment_id, p.head_revision_id, p.head_seq, p.created_at, e.name AS env_name
       FROM projects p JOIN environments e ON e.id = p.environment_id
      WHERE ${where} ORDER BY p.name, p.id LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(rows, page.limit, (r) => toProject(r, r.env_name), (r) => [r.name, r.id]);
}

