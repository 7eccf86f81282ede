import { requireServerAdmin } from './access.ts';
import { audit } from './audit.ts';
import { now, type Actor, type Deps } from './deps.ts';
import { notFound } from './errors.ts';
import { newId } from './ids.ts';
import { decodeCursor, pageOf, type Page, type PageRequest } from './page.ts';
import type { Role } from './roles.ts';
import { uniquely } from './unique.ts';

export interface User {
  name: string;
  displayName: string;
  serverAdmin: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  name: string;
  display_name: string;
  server_admin: number;
  created_at: string;
}

const toUser = (r: UserRow): User => ({ name: r.name, displayName: r.display_name, serverAdmin: r.server_admin === 1, createdAt: r.created_at });

export async function createUser(deps: Deps, actor: Actor, input: { name: string; displayName?: string; serverAdmin?: boolean }): Promise<User> {
  requireServerAdmin(actor);
  const row: UserRow = { id: newId(), name: input.name, display_name: input.displayName ?? input.name, server_admin: input.serverAdmin ? 1 : 0, created_at: now() };
  await uniquely(deps, `user "${input.name}"`, () =>
    deps.db.transaction(async (tx) => {
      await tx.run('INSERT INTO users (id, name, display_name, server_admin, created_at) VALUES (?, ?, ?, ?, ?)', [
        row.id,
        row.name,
        row.display_name,
        row.server_admin,
        row.created_at,
      ]);
      await audit(tx, actor, null, 'user.create', `user:${row.name}`, { serverAdmin: row.server_admin === 1 });
    }),
  );
  return toUser(row);
}

export async function listUsers(deps: Deps, actor: Actor, page: PageRequest): Promise<Page<User>> {
  requireServerAdmin(actor);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, ['string'])[0];
  const rows = await deps.db.all<UserRow>(
    `SELECT id, name, display_name, server_admin, created_at FROM users ${after === undefined ? '' : 'WHERE name > ?'} ORDER BY name LIMIT ?`,
    after === undefined ? [page.limit + 1] : [after, page.limit + 1],
  );
  return pageOf(rows, page.limit, toUser, (r) => [r.name]);
}

export async function findUserId(deps: Deps, name: string): Promise<string> {
  const row = await deps.db.get<{ id: string }>('SELECT id FROM users WHERE name = ?', [name]);
  if (!row) throw notFound(`user "${name}"`);
  return row.id;
}

/** The caller and the organisations they belong to. */
export async function describeMe(deps: Deps, actor: Actor): Promise<User & { memberships: { organisation: string; role: Role }[] }> {
  const user = await deps.db.get<UserRow>('SELECT id, name, display_name, server_admin, created_at FROM users WHERE id = ?', [actor.userId]);
  const memberships = await deps.db.all<{ organisation: string; role: Role }>(
    'SELECT o.name AS organisation, m.role FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = ? ORDER BY o.name',
    [actor.userId],
  );
  return { ...toUser(user!), memberships };
}
