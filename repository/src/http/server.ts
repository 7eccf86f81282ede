import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { engineVersion } from '../../../engine/src/version.ts';
import { authenticate } from '../domain/access.ts';
import type { Actor, Deps } from '../domain/deps.ts';
import { RepoError } from '../domain/errors.ts';
import { openApiDocument } from './openapi.ts';
import { sendProblem, toRepoError } from './problem.ts';
import { bearerToken, ok, route, sendResult, validate, type Route } from './route.ts';
import { adminRoutes } from './routes/admin.ts';
import { blobRoutes } from './routes/blobs.ts';
import { projectRoutes } from './routes/projects.ts';
import { healthOut } from './schemas.ts';

export const API_PREFIX = '/api/v1';

export interface ServerOptions {
  /** Largest request body in bytes (a component content, a manifest); 413 above. Default 10 MB. */
  bodyLimit?: number;
  /**
   * Requests per token (per address without one) in each window; 429 above. Default 6000 a
   * minute: a push or pull costs one request per changed component, and a first push of a
   * large project must fit.
   */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Unexpected errors (500s), for the server's log. */
  onError?: (err: unknown) => void;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = 6000;

/** The repository's HTTP API. CORS stays off: no browser page of another origin may call it. */
export async function buildServer(deps: Deps, options: ServerOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({ logger: false, bodyLimit, forceCloseConnections: true, return503OnClosing: true });

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  await app.register(rateLimit, {
    max: options.rateLimit?.max ?? DEFAULT_RATE_LIMIT,
    timeWindow: options.rateLimit?.timeWindowMs ?? 60_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => new RepoError(429, 'RATE_LIMITED', `too many requests: at most ${context.max} per ${context.after}`),
  });

  app.setErrorHandler((err, _request, reply) => {
    const repoError = toRepoError(err);
    if (repoError.status >= 500) options.onError?.(err);
    return sendProblem(reply, repoError);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new RepoError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  const routes = [...publicRoutes(() => document), ...adminRoutes(deps), ...projectRoutes(deps), ...blobRoutes(deps)];
  const document = openApiDocument(routes, engineVersion());
  for (const r of routes) mount(app, deps, r);
  return app;
}

/** Starts the server; `port` 0 picks a free one. */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

function publicRoutes(document: () => unknown): Route[] {
  return [
    route({
      method: 'GET', path: '/health', operationId: 'health', tag: 'server', access: 'anyone', auth: false,
      summary: 'Liveness, for load balancers',
      responses: { 200: { description: 'the server answers', schema: healthOut } },
      handle: async () => ok({ status: 'ok' }),
    }),
    route({
      method: 'GET', path: '/openapi.json', operationId: 'openApi', tag: 'server', access: 'anyone', auth: false,
      summary: 'This document',
      responses: { 200: { description: 'OpenAPI 3.1' } },
      handle: async () => ok(document()),
    }),
  ];
}

function mount(app: FastifyInstance, deps: Deps, r: Route): void {
  const actors = new WeakMap<FastifyRequest, Actor>();
  app.route({
    method: r.method,
    url: API_PREFIX + r.path.replace(/\{(\w+)\}/g, ':$1'),
    // Authentication comes before the body is read: an anonymous caller gets 401 and makes
    // the server parse nothing, nor learns which of its inputs are wrong.
    onRequest: r.auth === false ? [] : async (request) => void actors.set(request, await authenticate(deps, bearerToken(request))),
    handler: async (request, reply) => {
      const params = r.params ? validate(r.params, request.params, 'path') : undefined;
      const query = r.query ? validate(r.query, request.query, 'query') : undefined;
      let body: unknown;
      if (r.body === 'binary') {
        if (!Buffer.isBuffer(request.body)) throw new RepoError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the content as application/octet-stream');
        body = request.body;
      } else if (r.body) {
        body = validate(r.body, request.body, 'body');
      }
      const actor = actors.get(request)!;
      return sendResult(reply, await r.handle({ actor, params, query, body } as Parameters<Route['handle']>[0]));
    },
  });
}

/** Limits count per token (hashed: raw tokens are kept nowhere), else per address. */
function rateLimitKey(request: FastifyRequest): string {
  const token = bearerToken(request);
  return token ? `token:${createHash('sha256').update(token).digest('hex')}` : `ip:${request.ip}`;
}
