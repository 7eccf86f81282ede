import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { jsonPath } from '../../../engine/src/core/json.ts';
import type { Actor } from '../domain/deps.ts';
import { RepoError, type ErrorCode } from '../domain/errors.ts';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler returns: a status and a JSON body, or raw bytes. */
export type Result = { status: number; json?: unknown; bytes?: Buffer };
export const ok = (json: unknown): Result => ({ status: 200, json });
export const created = (json: unknown): Result => ({ status: 201, json });
export const noContent = (): Result => ({ status: 204 });

/**
 * One API operation: its path (OpenAPI style, `{param}`), the schemas of its inputs and
 * outputs, and its handler. The same description drives the Fastify route, input
 * validation and the OpenAPI document, so they cannot drift apart.
 */
export interface Route<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | 'binary' | undefined = Schema | 'binary' | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Who may call it, for the document (the handler enforces it). */
  access: string;
  /** False for the few public routes (health, the OpenAPI document). */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Success responses; error responses are added from `errors`. */
  responses: Record<number, { description: string; schema?: Schema | 'binary' }>;
  /** Error codes this route answers with, beyond the common ones. */
  errors?: ErrorCode[];
  handle(input: { actor: Actor; params: Out<P>; query: Out<Q>; body: B extends 'binary' ? Buffer : Out<B> }): Promise<Result>;
}

export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | 'binary' | undefined>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

/** Validates one part of a request; the first problem becomes 400 INVALID_REQUEST naming the field. */
export function validate<S extends Schema>(schema: S, value: unknown, where: 'path' | 'query' | 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = jsonPath(first.code === 'unrecognized_keys' ? [...first.path, first.keys[0]] : first.path);
  const errors = result.error.issues.map((i) => ({ field: jsonPath(i.path), message: i.message }));
  throw new RepoError(400, 'INVALID_REQUEST', `${where} ${field}: ${first.message}`, { field, in: where, errors });
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export function sendResult(reply: FastifyReply, result: Result): FastifyReply {
  reply.code(result.status);
  if (result.bytes) return reply.type('application/octet-stream').send(result.bytes);
  if (result.json === undefined) return reply.send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(result.json));
}
