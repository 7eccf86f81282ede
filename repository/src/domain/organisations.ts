import type { Queryable } from '../db/database.ts';
import { requireServerAdmin } from './access.ts';
import { audit } from './audit.ts';
import { now, type Actor, type Deps, type OrgAccess } from './deps.ts';
import { newId } from './ids.ts';
import type { Role } from './roles.ts';
import { uniquely } from './unique.ts';

export interface Organisation {
  name: string;
  /** The caller's role in it. */
  role: Role;
  createdAt: string;
}

/** Every new organisation starts with these, as in the reference product. */
export const defaultEnvironments: { name: string; readRole: Role; writeRole: Role }[] = [
  { name: 'Development', readRole: 'viewer', writeRole: 'designer' },
  { name: 'Production', readRole: 'viewer', writeRole: 'admin' },
];

/** Creates an organisation (with its data key and default environments) and makes `admin` its administrator. */
export async function insertOrganisation(
  deps: Deps,
  tx: Queryable,
  name: string,
  admin: { userId: string; name: string },
): Promise<Organisation> {
  const id = newId();
  const createdAt = now();
  await tx.run('INSERT INTO organisations (id, name, wrapped_key, created_at) VALUES (?, ?, ?, ?)', [id, name, deps.keys.create(id).wrapped, createdAt]);
  await tx.run('INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)', [id, admin.userId, 'admin', createdAt]);
  for (const env of defaultEnvironments) {
    await tx.run('INSERT INTO environments (id, organisation_id, name, read_role, write_role, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      newId(),
      id,
      env.name,
      env.readRole,
      env.writeRole,
      createdAt,
    ]);
  }
  await audit(tx, { userId: admin.userId, name: admin.name }, id, 'organisation.create', `organisation:${name}`, {
    environments: defaultEnvironments.map((e) => e.name),
  });
  return { name, role: 'admin', createdAt };
}

export async function createOrganisation(deps: Deps, actor: Actor, name: string): Promise<Organisation> {
  requireServerAdmin(actor);
  return uniquely(deps, `organisation "${name}"`, () => deps.db.transaction((tx) => insertOrganisation(deps, tx, name, actor)));
}

/** The organisations the caller is a member of. */
export async function listOrganisations(deps: Deps, actor: Actor): Promise<Organisation[]> {
  const rows = await deps.db.all<{ name: string; role: Role; created_at: string }>(
    'SELECT o.name, m.role, o.created_at FROM organisations o JOIN memberships m ON m.organisation_id = o.id WHERE m.user_id = ? ORDER BY o.name',
    [actor.userId],
  );
  return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at }));
}

export function describeOrganisation(access: OrgAccess): Organisation {
  return { name: access.org.name, role: access.role, createdAt: access.org.created_at };
}
