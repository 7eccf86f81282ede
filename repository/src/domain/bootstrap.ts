import { audit } from './audit.ts';
import { now, type Deps } from './deps.ts';
import { RepoError } from './errors.ts';
import { newId } from './ids.ts';
import { insertOrganisation } from './organisations.ts';
import { insertToken, type IssuedToken } from './tokens.ts';

export const DEFAULT_ORGANISATION = 'default';
export const BOOTSTRAP_ADMIN = 'admin';

/**
 * Fills an empty store: a server administrator `admin`, organisation `default` (with
 * Development and Production) administered by them, and their first token, returned once.
 * Refuses a store that already has users, so a second `repo init` cannot mint a token.
 */
export async function bootstrap(deps: Deps): Promise<IssuedToken> {
  return deps.db.transaction(async (tx) => {
    if (await tx.get('SELECT id FROM users LIMIT 1')) throw new RepoError(409, 'ALREADY_EXISTS', 'this repository is already initialised');
    const admin = { userId: newId(), name: BOOTSTRAP_ADMIN };
    await tx.run('INSERT INTO users (id, name, display_name, server_admin, created_at) VALUES (?, ?, ?, 1, ?)', [admin.userId, admin.name, 'Administrator', now()]);
    await audit(tx, { userId: null, name: 'repo init' }, null, 'user.create', `user:${admin.name}`, { serverAdmin: true });
    await insertOrganisation(deps, tx, DEFAULT_ORGANISATION, admin);
    return insertToken(tx, admin, { id: admin.userId, name: admin.name }, 'bootstrap');
  });
}
