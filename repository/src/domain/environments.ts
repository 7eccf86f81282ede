import { requireRole, type EnvironmentRow } from './access.ts';
import { audit } from './audit.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { newId } from './ids.ts';
import { atLeast, type Role } from './roles.ts';
import { uniquely } from './unique.ts';

export interface Environment {
  name: string;
  /** The least role that sees the environment's projects and deployments. */
  readRole: Role;
  /** The least role that creates projects, pushes revisions and deploys there. */
  writeRole: Role;
  /** Whether the caller may write there. */
  writable: boolean;
  createdAt: string;
}

export const toEnvironment = (access: OrgAccess, r: EnvironmentRow): Environment => ({
  name: r.name,
  readRole: r.read_role,
  writeRole: r.write_role,
  writable: atLeast(access.role, r.write_role),
  createdAt: r.created_at,
});

/** The environments the caller may read. */
export async function listEnvironments(deps: Deps, access: OrgAccess): Promise<Environment[]> {
  const rows = await deps.db.all<EnvironmentRow>('SELECT id, name, read_role, write_role, created_at FROM environments WHERE organisation_id = ? ORDER BY name', [
    access.org.id,
  ]);
  return rows.filter((r) => atLeast(access.role, r.read_role)).map((r) => toEnvironment(access, r));
}

export async function createEnvironment(deps: Deps, access: OrgAccess, input: { name: string; readRole: Role; writeRole: Role }): Promise<Environment> {
  requireRole(access, 'admin');
  const row: EnvironmentRow = { id: newId(), name: input.name, read_role: input.readRole, write_role: input.writeRole, created_at: now() };
  await uniquely(deps, `environment "${input.name}"`, () =>
    deps.db.transaction(async (tx) => {
      await tx.run('INSERT INTO environments (id, organisation_id, name, read_role, write_role, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        row.id,
        access.org.id,
        row.name,
        row.read_role,
        row.write_role,
        row.created_at,
      ]);
      await audit(tx, access.actor, access.org.id, 'environment.create', `environment:${row.name}`, { readRole: row.read_role, writeRole: row.write_role });
    }),
  );
  return toEnvironment(access, row);
}
