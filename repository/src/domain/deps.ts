import type { OrgKeys } from '../crypto/org-keys.ts';
import type { Database } from '../db/database.ts';
import type { Role } from './roles.ts';

/** What every operation of the repository works with. */
export interface Deps {
  db: Database;
  keys: OrgKeys;
}

/** The authenticated caller of a request. */
export interface Actor {
  userId: string;
  name: string;
  serverAdmin: boolean;
  tokenId: string;
}

export interface OrgRow {
  id: string;
  name: string;
  wrapped_key: Buffer;
  created_at: string;
}

/** A caller inside one organisation, with their role there. */
export interface OrgAccess {
  actor: Actor;
  org: OrgRow;
  role: Role;
}

export const now = (): string => new Date().toISOString();
