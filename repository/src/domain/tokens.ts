import type { Queryable } from '../db/database.ts';
import { requireServerAdmin } from './access.ts';
import { audit } from './audit.ts';
import { now, type Actor, type Deps } from './deps.ts';
import { notFound } from './errors.ts';
import { newId, newToken, sha256Hex } from './ids.ts';
import { findUserId } from './users.ts';

export interface TokenInfo {
  id: string;
  name: string;
  user: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Only at creation: the token itself, never stored (only its SHA-256). */
export interface IssuedToken extends TokenInfo {
  token: string;
}

/** Stores a new token for a user; the returned value is the only time the token is seen. */
export async function insertToken(tx: Queryable, actor: Actor | { userId: string; name: string }, user: { id: string; name: string }, name: string): Promise<IssuedToken> {
  const token = newToken();
  const info: TokenInfo = { id: newId(), name, user: user.name, createdAt: now(), revokedAt: null };
  await tx.run('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)', [info.id, user.id, name, sha256Hex(token), info.createdAt]);
  await audit(tx, actor, null, 'token.create', `token:${info.id}`, { user: user.name, name });
  return { ...info, token };
}

export function issueOwnToken(deps: Deps, actor: Actor, name: string): Promise<IssuedToken> {
  return deps.db.transaction((tx) => insertToken(tx, actor, { id: actor.userId, name: actor.name }, name));
}

/** A server administrator issues the first token of a new user. */
export async function issueTokenFor(deps: Deps, actor: Actor, userName: string, name: string): Promise<IssuedToken> {
  requireServerAdmin(actor);
  const userId = await findUserId(deps, userName);
  return deps.db.transaction((tx) => insertToken(tx, actor, { id: userId, name: userName }, name));
}

export async function listOwnTokens(deps: Deps, actor: Actor): Promise<TokenInfo[]> {
  const rows = await deps.db.all<{ id: string; name: string; created_at: string; revoked_at: string | null }>(
    'SELECT id, name, created_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at, id',
    [actor.userId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, user: actor.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Revokes one of the caller's tokens (a server administrator: anyone's). Revoking twice is harmless. */
export async function revokeToken(deps: Deps, actor: Actor, tokenId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await tx.get<{ user_id: string }>('SELECT user_id FROM api_tokens WHERE id = ?', [tokenId]);
    if (!row || (row.user_id !== actor.userId && !actor.serverAdmin)) throw notFound(`token "${tokenId}"`);
    const changed = await tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now(), tokenId]);
    if (changed) await audit(tx, actor, null, 'token.revoke', `token:${tokenId}`);
  });
}
