import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { dispatch } from '../services/dispatch.ts';
import type { StudioServices } from '../services/index.ts';
import { problem, problemOf } from './errors.ts';
import { indexPage } from './index-page.ts';
import { bearerToken, hostAllowed, newToken, originAllowed, securityHeaders, tokenMatches } from './security.ts';

export interface BrowserHostOptions {
  services: StudioServices;
  /** The built renderer (`dist/renderer`); a placeholder page is served while it is missing. */
  rendererDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Unexpected errors (500s), for the console of `chorus serve`. */
  onError?: (err: unknown) => void;
}

export interface BrowserHost {
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Saves carry whole component documents; a big transformation must fit. */
const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The studio API over HTTP and WebSocket on 127.0.0.1, for a browser and for E2E tests:
 * `POST /api/<service>/<method>` with a JSON body, events on `/api/events`, the renderer's
 * files on `/`. Every API request needs the launch token; every request needs our Host.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { services, rendererDir } = options;
  const token = newToken();
  // Closing must not wait for a browser tab's keep-alive connections.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  let port = 0;

  // First: its own onRequest hook marks upgrade requests, so a refused handshake's socket is closed.
  await app.register(fastifyWebsocket);
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
    if (!hostAllowed(request.headers.host, port)) return reply.code(403).send(problem('FORBIDDEN', 'this host answers only to 127.0.0.1 and localhost'));
    if (!request.url.startsWith('/api/')) return;
    reply.header('Cache-Control', 'no-store');
    const isEvents = request.url.split('?')[0] === '/api/events';
    const given = bearerToken(request.headers.authorization) ?? (isEvents ? queryToken(request) : undefined);
    if (!tokenMatches(token, given)) return reply.code(401).send(problem('UNAUTHORIZED', 'missing or wrong token: use the URL chorus serve printed'));
    if (isEvents && !originAllowed(request.headers.origin, port)) return reply.code(403).send(problem('FORBIDDEN', 'foreign origin'));
  });

  app.setErrorHandler((err, _request, reply) => {
    const { status, body } = problemOf(err);
    if (status >= 500) options.onError?.(err);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(problem('NOT_FOUND', 'no such route')));

  app.get('/api/events', { websocket: true }, (socket) => {
    const off = services.events.on((event) => socket.send(JSON.stringify(event)));
    socket.on('close', off);
  });

  app.post<{ Params: { service: string; method: string } }>('/api/:service/:method', async (request) => {
    const { service, method } = request.params;
    // A method without parameters may be called without a body.
    return dispatch(services.handlers, service, method, request.body === undefined ? {} : request.body);
  });

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    if (!tokenMatches(token, queryToken(request))) {
      return reply.code(401).type('text/plain; charset=utf-8').send('Open Chorus Studio with the address `chorus serve` printed (it carries the token).\n');
    }
    return reply.type('text/html; charset=utf-8').send(await indexPage(rendererDir, token));
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  if (rendererDir && existsSync(rendererDir)) await app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: true });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  port = (app.server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      await app.close();
    },
  };
}

function queryToken(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof value === 'string' ? value : undefined;
}
