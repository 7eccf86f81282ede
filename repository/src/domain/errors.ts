/** Stable error codes of the API; clients and tests match on these, never on messages. */
export type ErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'HEAD_MOVED'
  | 'LAST_ADMIN'
  | 'INVALID_REQUEST'
  | 'MALFORMED_JSON'
  | 'INVALID_CURSOR'
  | 'HASH_MISMATCH'
  | 'BLOBS_MISSING'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** An expected refusal: becomes an `application/problem+json` response with its status and code. */
export class RepoError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra members of the problem document (`field`, `head`, `missing`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 404 for anything the caller may not know exists, so other tenants' ids reveal nothing. */
export const notFound = (what: string) => new RepoError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new RepoError(403, 'FORBIDDEN', message);
