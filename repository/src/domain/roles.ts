export const roles = ['viewer', 'designer', 'admin'] as const;
/** viewer reads; designer also pushes revisions and uploads blobs; admin also manages members, environments and the audit log. */
export type Role = (typeof roles)[number];

export function atLeast(role: Role, least: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(least);
}

/** The roles that are at most `role` (for SQL filters on an environment's read role). */
export function rolesUpTo(role: Role): Role[] {
  return roles.slice(0, roles.indexOf(role) + 1);
}
