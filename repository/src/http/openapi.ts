import { z } from 'zod';
import type { ErrorCode } from '../domain/errors.ts';
import type { Route } from './route.ts';
import { problemOut } from './schemas.ts';

/** Errors any authenticated route may answer with. */
const commonErrors: [number, string, ErrorCode[]][] = [
  [400, 'invalid input', ['INVALID_REQUEST', 'MALFORMED_JSON', 'INVALID_CURSOR']],
  [401, 'missing, unknown or revoked token', ['UNAUTHORIZED']],
  [403, 'your role does not allow this', ['FORBIDDEN']],
  [404, 'does not exist, or not visible to you (other organisations always look like this)', ['NOT_FOUND']],
  [413, 'body over the size limit', ['PAYLOAD_TOO_LARGE']],
  [429, 'too many requests for this token; see Retry-After', ['RATE_LIMITED']],
];

/** Errors only some routes answer with (listed in a route's `errors`). */
const routeErrors: Partial<Record<ErrorCode, [number, string]>> = {
  ALREADY_EXISTS: [409, 'the name is taken'],
  HEAD_MOVED: [409, '`parent` is not the head any more; the body carries `head`'],
  LAST_ADMIN: [409, 'the organisation would be left without an admin'],
  BLOBS_MISSING: [422, 'contents not uploaded yet; the body lists them in `missing`'],
  HASH_MISMATCH: [400, "the content's SHA-256 is not the hash in the path"],
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** The OpenAPI 3.1 document of the API, built from the route table (served at /api/v1/openapi.json). */
export function openApiDocument(routes: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters = [
      ...schemaParameters(r.params, 'path'),
      ...schemaParameters(r.query, 'query'),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, { description, schema }] of Object.entries(r.responses)) {
      responses[status] = schema === undefined ? { description } : { description, content: content(schema, 'output') };
    }
    const problems = new Map<number, { description: string; codes: ErrorCode[] }>();
    for (const [status, description, codes] of r.auth === false ? [] : commonErrors) problems.set(status, { description, codes: [...codes] });
    for (const code of r.errors ?? []) {
      const [status, description] = routeErrors[code] ?? [400, code];
      const entry = problems.get(status) ?? { description, codes: [] };
      if (entry.description !== description) entry.description += `; or ${description}`;
      entry.codes.push(code);
      problems.set(status, entry);
    }
    for (const [status, { description, codes }] of problems) responses[status] = problemResponse(description, codes);
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      description: `Access: ${r.access}.`,
      tags: [r.tag],
      ...(r.auth === false ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: content(r.body, 'input') } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chorus design repository',
      version,
      description: 'Organisations, environments, projects, immutable revisions, component contents and deployments. See docs/repository-api.md.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token (chorus_...)' } },
      schemas: { Problem: jsonSchema(problemOut, 'output') },
    },
    paths,
  };
}

function content(schema: z.ZodType | 'binary', io: 'input' | 'output') {
  return schema === 'binary'
    ? { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } }
    : { 'application/json': { schema: jsonSchema(schema, io) } };
}

function problemResponse(description: string, codes: ErrorCode[]) {
  return { description: `${description} (code: ${codes.join(', ')})`, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

function schemaParameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s }));
}
