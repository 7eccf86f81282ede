import { open, seal } from '../crypto/aead.ts';
import type { Queryable } from '../db/database.ts';
import { requireRole } from './access.ts';
import { audit } from './audit.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { notFound, RepoError } from './errors.ts';
import { sha256Hex } from './ids.ts';

/** The organisation's data key, unwrapped with the master key. */
export const orgKey = (deps: Deps, access: OrgAccess): Buffer => deps.keys.unwrap(access.org.id, access.org.wrapped_key);

/**
 * Stores a component's content under its SHA-256, encrypted with the organisation key. The
 * server computes the hash itself, so a blob is always what its name says. Returns whether
 * it was new (contents are stored once per organisation).
 */
export async function putBlob(deps: Deps, access: OrgAccess, hash: string, content: Buffer): Promise<{ created: boolean }> {
  requireRole(access, 'designer');
  const actual = sha256Hex(content);
  if (actual !== hash) throw new RepoError(400, 'HASH_MISMATCH', `the content's SHA-256 is ${actual}, not ${hash}`, { field: 'hash' });
  const sealed = seal(orgKey(deps, access), content, blobContext(access.org.id, hash));
  const created = await deps.db.transaction(async (tx) => {
    const inserted = await tx.run('INSERT INTO blobs (organisation_id, hash, size, content, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      access.org.id,
      hash,
      content.length,
      sealed,
      now(),
    ]);
    if (inserted) await audit(tx, access.actor, access.org.id, 'blob.create', `blob:${hash}`, { size: content.length });
    return inserted > 0;
  });
  return { created };
}

export async function getBlob(deps: Deps, access: OrgAccess, hash: string): Promise<Buffer> {
  const row = await deps.db.get<{ content: Buffer }>('SELECT content FROM blobs WHERE organisation_id = ? AND hash = ?', [access.org.id, hash]);
  if (!row) throw notFound(`blob ${hash}`);
  return open(orgKey(deps, access), row.content, blobContext(access.org.id, hash));
}

/** Which of these hashes the organisation has no content for: clients upload only those. */
export async function missingBlobs(db: Queryable, orgId: string, hashes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(hashes)];
  const present = new Set<string>();
  // Chunks keep the statement under SQLite's parameter limit.
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const rows = await db.all<{ hash: string }>(`SELECT hash FROM blobs WHERE organisation_id = ? AND hash IN (${chunk.map(() => '?').join(', ')})`, [orgId, ...chunk]);
    for (const r of rows) present.add(r.hash);
  }
  return wanted.filter((h) => !present.has(h));
}

const blobContext = (orgId: string, hash: string) => `blob:${orgId}:${hash}`;
