import type { Queryable } from '../db/database.ts';
import { now, type Deps } from './deps.ts';
import { decodeCursor, pageOf, type Page, type PageRequest } from './page.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** `noun.verb`, e.g. `revision.create`. */
  action: string;
  /** What was written, e.g. `project:<id>`. */
  target: string;
  details: Record<string, unknown>;
}

/** Records a write; called inside the write's own transaction, so there is no write without its entry. */
export async function audit(
  tx: Queryable,
  actor: { userId: string | null; name: string },
  orgId: string | null,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.run('INSERT INTO audit_log (organisation_id, actor_id, actor_name, action, target, details, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    orgId,
    actor.userId,
    actor.name,
    action,
    target,
    JSON.stringify(details),
    now(),
  ]);
}

interface AuditRow {
  id: number | string;
  at: string;
  actor_name: string;
  action: string;
  target: string;
  details: string;
}

/** Newest first. `orgId` null lists the server-level entries. */
export async function listAudit(deps: Deps, orgId: string | null, page: PageRequest): Promise<Page<AuditEntry>> {
  const params: unknown[] = [];
  let where = orgId === null ? 'organisation_id IS NULL' : 'organisation_id = ?';
  if (orgId !== null) params.push(orgId);
  if (page.cursor !== undefined) {
    where += ' AND id < ?';
    params.push(decodeCursor(page.cursor, ['number'])[0]);
  }
  const rows = await deps.db.all<AuditRow>(
    `SELECT id, at, actor_name, action, target, details FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(
    rows,
    page.limit,
    (r) => ({ id: Number(r.id), at: r.at, actor: r.actor_name, action: r.action, target: r.target, details: JSON.parse(r.details) as Record<string, unknown> }),
    (r) => [Number(r.id)],
  );
}
