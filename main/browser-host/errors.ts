import { ChorusError } from '../../engine/src/core/errors.ts';
import type { ApiError } from '../../preload/contract.ts';
import { HostError } from '../services/host-error.ts';

/** The HTTP status and problem body for an error a handler threw. */
export function problemOf(err: unknown): { status: number; body: ApiError } {
  if (err instanceof HostError) return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } } };
  if (err instanceof ChorusError) {
    const { file, path } = err.location;
    const status = err.code === 'INTERNAL' ? 500 : 422;
    return { status, body: { error: { code: err.code, message: err.message, ...(file ? { file } : {}), ...(path ? { path } : {}) } } };
  }
  // Fastify's own refusals (a body that is not JSON, too large, a wrong content type).
  const statusCode = (err as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: { error: { code: 'BAD_REQUEST', message: (err as Error).message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'unexpected error in the studio host (see its console)' } } };
}

export function problem(code: string, message: string, field?: string): ApiError {
  return { error: { code, message, ...(field !== undefined ? { field } : {}) } };
}
