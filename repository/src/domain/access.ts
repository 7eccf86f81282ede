import { forbidden, notFound, RepoError } from './errors.ts';
import { sha256Hex } from './ids.ts';
import { atLeast, type Role } from './roles.ts';
import type { Actor, Deps, OrgAccess, OrgRow } from './deps.ts';

const unauthorized = () => new RepoError(401, 'UNAUTHORIZED', 'a valid API token is required (Authorization: Bearer <token>)');

/** The caller a bearer token stands for; 401 when it is missing, unknown or revoked. */
export async function authenticate(deps: Deps, token: string | undefined): Promise<Actor> {
  if (!token) throw unauthorized();
  const row = await deps.db.get<{ token_id: string; user_id: string; name: string; server_admin: number }>(
    `SELECT t.id AS token_id, u.id AS user_id, u.name, u.server_admin
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    [sha256Hex(token)],
  );
  if (!row) throw unauthorized();
  return { userId: row.user_id, name: row.name, serverAdmin: row.server_admin === 1, tokenId: row.token_id };
}

export function requireServerAdmin(actor: Actor): void {
  if (!actor.serverAdmin) throw forbidden('only a server administrator may do this');
}

/** The caller's access to an organisation; 404 when they are not a member (whether or not it exists). */
export async function orgAccess(deps: Deps, actor: Actor, orgName: string): Promise<OrgAccess> {
  const row = await deps.db.get<OrgRow & { role: Role }>(
    `SELECT o.id, o.name, o.wrapped_key, o.created_at, m.role
       FROM organisations o JOIN memberships m ON m.organisation_id = o.id
      WHERE o.name = ? AND m.user_id = ?`,
    [orgName, actor.userId],
  );
  if (!row) throw notFound(`organisation "${orgName}"`);
  const { role, ...org } = row;
  return { actor, org, role };
}

export function requireRole(access: OrgAccess, least: Role): void {
  if (!atLeast(access.role, least)) throw forbidden(`this needs the ${least} role in "${access.org.name}" (you are ${access.role})`);
}

export interface EnvironmentRow {
  id: string;
  name: string;
  read_role: Role;
  write_role: Role;
  created_at: string;
}

/**
 * An environment of the caller's organisation: 404 when it does not exist or the caller's
 * role is below its read role; 403 for a write below its write role.
 */
export async function environmentAccess(deps: Deps, access: OrgAccess, name: string, mode: 'read' | 'write'): Promise<EnvironmentRow> {
  const env = await deps.db.get<EnvironmentRow>(
    'SELECT id, name, read_role, write_role, created_at FROM environments WHERE organisation_id = ? AND name = ?',
    [access.org.id, name],
  );
  return checkEnvironment(access, env, `environment "${name}"`, mode);
}

export interface ProjectRow {
  id: string;
  name: string;
  environment_id: string;
  head_revision_id: string | null;
  head_seq: number;
  created_at: string;
}

/** A project of the caller's organisation, checked against its environment's read and write roles. */
export async function projectAccess(deps: Deps, access: OrgAccess, projectId: string, mode: 'read' | 'write'): Promise<{ project: ProjectRow; env: EnvironmentRow }> {
  const row = await deps.db.get<ProjectRow & { env_name: string; read_role: Role; write_role: Role; env_created_at: string }>(
    `SELECT p.id, p.name, p.environment_id, p.head_revision_id, p.head_seq, p.created_at,
            e.name AS env_name, e.read_role, e.write_role, e.created_at AS env_created_at
       FROM projects p JOIN environments e ON e.id = p.environment_id
      WHERE p.id = ? AND p.organisation_id = ?`,
    [projectId, access.org.id],
  );
  const what = `project "${projectId}"`;
  if (!row) throw notFound(what);
  const env = checkEnvironment(
    access,
    { id: row.environment_id, name: row.env_name, read_role: row.read_role, write_role: row.write_role, created_at: row.env_created_at },
    what,
    mode,
  );
  const { id, name, environment_id, head_revision_id, head_seq, created_at } = row;
  return { project: { id, name, environment_id, head_revision_id, head_seq: Number(head_seq), created_at }, env };
}

function checkEnvironment(access: OrgAccess, env: EnvironmentRow | undefined, what: string, mode: 'read' | 'write'): EnvironmentRow {
  if (!env || !atLeast(access.role, env.read_role)) throw notFound(what);
  if (mode === 'write' && !atLeast(access.role, env.write_role)) {
    throw forbidden(`changing ${what} needs the ${env.write_role} role in environment "${env.name}" (you are ${access.role})`);
  }
  return env;
}
