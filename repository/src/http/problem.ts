import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { RepoError, type ErrorCode } from '../domain/errors.ts';

export const PROBLEM_TYPE = 'application/problem+json';

/** An RFC 9457 problem document; `code` is stable, `detail` is for people. */
export function problemBody(status: number, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...extra };
}

export function sendProblem(reply: FastifyReply, err: RepoError): FastifyReply {
  return reply.code(err.status).type(PROBLEM_TYPE).send(problemBody(err.status, err.code, err.message, err.extra));
}

/** Maps Fastify's own refusals (body parsing, limits, media types) to our codes; anything else is a 500. */
export function toRepoError(err: unknown): RepoError {
  if (err instanceof RepoError) return err;
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'bad request';
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new RepoError(413, 'PAYLOAD_TOO_LARGE', message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new RepoError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new RepoError(400, 'INVALID_REQUEST', message);
  }
  // Body parsing: an empty or malformed JSON body, or one with `__proto__` keys.
  if (err instanceof SyntaxError || e.statusCode === 400) return new RepoError(400, 'MALFORMED_JSON', `the body is not valid JSON: ${message}`);
  if (typeof e.statusCode === 'number' && e.statusCode > 400 && e.statusCode < 500) return new RepoError(e.statusCode, 'INVALID_REQUEST', message);
  return new RepoError(500, 'INTERNAL', 'unexpected error in the repository server (see its log)');
}
