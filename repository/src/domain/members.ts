import type { Queryable } from '../db/database.ts';
import { requireRole } from './access.ts';
import { audit } from './audit.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { notFound, RepoError } from './errors.ts';
import type { Role } from './roles.ts';
import { findUserId } from './users.ts';

export interface Member {
  user: string;
  displayName: string;
  role: Role;
  since: string;
}

export async function listMembers(deps: Deps, access: OrgAccess): Promise<Member[]> {
  requireRole(access, 'admin');
  const rows = await deps.db.all<{ name: string; display_name: string; role: Role; created_at: string }>(
    'SELECT u.name, u.display_name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = ? ORDER BY u.name',
    [access.org.id],
  );
  return rows.map((r) => ({ user: r.name, displayName: r.display_name, role: r.role, since: r.created_at }));
}

/** Adds a user to the organisation or changes their role. */
export async function setMember(deps: Deps, access: OrgAccess, userName: string, role: Role): Promise<Member> {
  requireRole(access, 'admin');
  const userId = await findUserId(deps, userName);
  return deps.db.transaction(async (tx) => {
    const current = await tx.get<{ role: Role; created_at: string }>('SELECT role, created_at FROM memberships WHERE organisation_id = ? AND user_id = ?', [
      access.org.id,
      userId,
    ]);
    if (current?.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, access);
    const since = current?.created_at ?? now();
    if (current) await tx.run('UPDATE memberships SET role = ? WHERE organisation_id = ? AND user_id = ?', [role, access.org.id, userId]);
    else await tx.run('INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)', [access.org.id, userId, role, since]);
    await audit(tx, access.actor, access.org.id, current ? 'member.update' : 'member.add', `user:${userName}`, { role, previousRole: current?.role ?? null });
    const user = await tx.get<{ display_name: string }>('SELECT display_name FROM users WHERE id = ?', [userId]);
    return { user: userName, displayName: user!.display_name, role, since };
  });
}

export async function removeMember(deps: Deps, access: OrgAccess, userName: string): Promise<void> {
  requireRole(access, 'admin');
  const userId = await findUserId(deps, userName);
  await deps.db.transaction(async (tx) => {
    const current = await tx.get<{ role: Role }>('SELECT role FROM memberships WHERE organisation_id = ? AND user_id = ?', [access.org.id, userId]);
    if (!current) throw notFound(`member "${userName}"`);
    if (current.role === 'admin') await keepAnAdmin(tx, access);
    await tx.run('DELETE FROM memberships WHERE organisation_id = ? AND user_id = ?', [access.org.id, userId]);
    await audit(tx, access.actor, access.org.id, 'member.remove', `user:${userName}`, { role: current.role });
  });
}

/** An organisation without an administrator could never be managed again. */
async function keepAnAdmin(tx: Queryable, access: OrgAccess): Promise<void> {
  const admins = await tx.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM memberships WHERE organisation_id = ? AND role = 'admin'", [access.org.id]);
  if (Number(admins?.n) <= 1) throw new RepoError(409, 'LAST_ADMIN', `"${access.org.name}" must keep at least one admin`);
}
