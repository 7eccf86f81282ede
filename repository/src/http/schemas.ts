import { z } from 'zod';
import { MAX_COMPONENTS } from '../domain/revisions.ts';
import { roles } from '../domain/roles.ts';

// Request shapes, checked before anything runs, and response shapes for the OpenAPI document.
// Objects are strict: an unknown field is a mistake worth reporting, not ignoring.

export const orgName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, at most 63');
export const userName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lowercase letters, digits, dots, dashes and underscores, at most 63');
export const environmentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/, 'letters, digits, spaces, dots, dashes and underscores, at most 63');
export const projectName = z.string().min(1).max(200).regex(/^[^\p{Cc}]+$/u, 'no control characters');
export const id = z.uuid();
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
export const role = z.enum(roles);

/**
 * A component path as in a project folder: relative, `/` separators, no `.` or `..`
 * segments, no backslashes or control characters; so a client can write it back safely.
 */
export const componentPath = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !/[\\\p{Cc}]/u.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'a relative path with / separators and no . or .. segments');

export const manifest = z
  .record(componentPath, sha256)
  .refine((m) => Object.keys(m).length <= MAX_COMPONENTS, `at most ${MAX_COMPONENTS} components`)
  .describe('component path -> SHA-256 of its content');

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const orgParams = z.strictObject({ org: orgName });
export const projectParams = z.strictObject({ org: orgName, project: id });

// ----- bodies

export const createOrganisationBody = z.strictObject({ name: orgName });
export const createUserBody = z.strictObject({
  name: userName,
  displayName: z.string().min(1).max(200).optional(),
  serverAdmin: z.boolean().optional(),
});
export const createTokenBody = z.strictObject({ name: z.string().min(1).max(100) });
export const setMemberBody = z.strictObject({ role });
export const createEnvironmentBody = z.strictObject({
  name: environmentName,
  readRole: role.default('viewer'),
  writeRole: role.default('designer'),
});
export const createProjectBody = z.strictObject({ name: projectName, environment: environmentName });
/** How a revision differs from another: contents put at paths (added or changed), paths deleted. */
export const manifestChanges = z
  .strictObject({
    put: z
      .record(componentPath, sha256)
      .refine((m) => Object.keys(m).length <= MAX_COMPONENTS, `at most ${MAX_COMPONENTS} components`)
      .default({})
      .describe('component path -> SHA-256 of its new content (added or changed)'),
    delete: z.array(componentPath).max(MAX_COMPONENTS).default([]).describe('component paths removed'),
  })
  .superRefine((c, ctx) => {
    c.delete.forEach((path, i) => {
      if (Object.hasOwn(c.put, path)) ctx.addIssue({ code: 'custom', path: ['delete', i], message: 'a path both put and deleted' });
    });
  });

export const createRevisionBody = z
  .strictObject({
    parent: id.nullable().describe('the client\'s base revision; null for the first revision'),
    message: z.string().max(4096).default(''),
    manifest: manifest.optional().describe('the whole revision: component path -> SHA-256 of its content; give this or `changes`'),
    changes: manifestChanges.optional().describe('the revision as changes to `parent` (to nothing when `parent` is null); give this or `manifest`'),
  })
  .superRefine((b, ctx) => {
    if ((b.manifest === undefined) === (b.changes === undefined)) {
      ctx.addIssue({ code: 'custom', path: [b.manifest === undefined ? 'manifest' : 'changes'], message: 'give exactly one of `manifest` and `changes`' });
    }
  });
export const missingBlobsBody = z.strictObject({ hashes: z.array(sha256).max(MAX_COMPONENTS) });
export const deployBody = z.strictObject({ revision: id });

// ----- responses (documentation)

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const organisationOut = z.object({ name: z.string(), role, createdAt: z.string() });
export const userOut = z.object({ name: z.string(), displayName: z.string(), serverAdmin: z.boolean(), createdAt: z.string() });
export const meOut = userOut.extend({ memberships: z.array(z.object({ organisation: z.string(), role })) });
export const tokenOut = z.object({ id, name: z.string(), user: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
export const issuedTokenOut = tokenOut.extend({ token: z.string().describe('shown only in this response') });
export const memberOut = z.object({ user: z.string(), displayName: z.string(), role, since: z.string() });
export const environmentOut = z.object({ name: z.string(), readRole: role, writeRole: role, writable: z.boolean(), createdAt: z.string() });
const head = z.object({ id, seq: z.number().int() });
export const projectOut = z.object({ id, name: z.string(), environment: z.string(), head: head.nullable(), createdAt: z.string() });
export const revisionOut = z.object({
  id,
  project: id,
  seq: z.number().int(),
  parent: id.nullable(),
  author: z.string(),
  message: z.string(),
  componentCount: z.number().int(),
  createdAt: z.string(),
});
export const revisionWithManifestOut = revisionOut.extend({ manifest });
export const changesQuery = z.strictObject({
  since: id.optional().describe('the revision to compare with (the client\'s base); without it, every file of the revision is put'),
});
export const manifestChangesOut = z.object({
  put: z.record(z.string(), sha256).describe('component path -> SHA-256 of its content in the revision, where it differs from `since`'),
  delete: z.array(z.string()).describe('component paths of `since` that the revision no longer has'),
});
export const blobPutOut = z.object({ hash: sha256, created: z.boolean() });
export const missingBlobsOut = z.object({ missing: z.array(sha256) });
export const deploymentOut = z.object({
  environment: z.string(),
  project: id,
  projectName: z.string(),
  revision: id,
  seq: z.number().int(),
  deployedBy: z.string(),
  deployedAt: z.string(),
});
export const auditEntryOut = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const pages = {
  users: page(userOut),
  projects: page(projectOut),
  revisions: page(revisionOut),
  audit: page(auditEntryOut),
};
export const healthOut = z.object({ status: z.literal('ok') });
export const problemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe('stable; match on this, not on detail'),
  field: z.string().optional().describe('JSON path of the offending input'),
});
