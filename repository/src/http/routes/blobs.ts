import { z } from 'zod';
import { orgAccess, requireRole } from '../../domain/access.ts';
import { getBlob, missingBlobs, putBlob } from '../../domain/blobs.ts';
import type { Deps } from '../../domain/deps.ts';
import { ok, route, type Route } from '../route.ts';
import * as s from '../schemas.ts';

const blobParams = z.strictObject({ org: s.orgName, hash: s.sha256 });

/** Component contents, stored once per organisation under their SHA-256. */
export function blobRoutes(deps: Deps): Route[] {
  return [
    route({
      method: 'POST', path: '/orgs/{org}/blobs/missing', operationId: 'missingBlobs', tag: 'blobs', access: 'designer',
      summary: 'Which of these hashes the server has no content for (upload only those)', params: s.orgParams, body: s.missingBlobsBody,
      responses: { 200: { description: 'the missing hashes', schema: s.missingBlobsOut } },
      handle: async ({ actor, params, body }) => {
        const access = await orgAccess(deps, actor, params.org);
        requireRole(access, 'designer');
        return ok({ missing: await missingBlobs(deps.db, access.org.id, body.hashes) });
      },
    }),
    route({
      method: 'PUT', path: '/orgs/{org}/blobs/{hash}', operationId: 'putBlob', tag: 'blobs', access: 'designer',
      summary: 'Upload a content (application/octet-stream); the server checks its SHA-256', params: blobParams, body: 'binary', errors: ['HASH_MISMATCH'],
      responses: {
        200: { description: 'already stored', schema: s.blobPutOut },
        201: { description: 'stored', schema: s.blobPutOut },
      },
      handle: async ({ actor, params, body }) => {
        const { created } = await putBlob(deps, await orgAccess(deps, actor, params.org), params.hash, body);
        return { status: created ? 201 : 200, json: { hash: params.hash, created } };
      },
    }),
    route({
      method: 'GET', path: '/orgs/{org}/blobs/{hash}', operationId: 'getBlob', tag: 'blobs', access: 'member',
      summary: 'Download a content', params: blobParams,
      responses: { 200: { description: 'the content', schema: 'binary' } },
      handle: async ({ actor, params }) => ({ status: 200, bytes: await getBlob(deps, await orgAccess(deps, actor, params.org), params.hash) }),
    }),
  ];
}
