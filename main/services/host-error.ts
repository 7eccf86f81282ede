/** Errors the host itself reports (the engine's have ChorusError codes); `status` is the HTTP status the browser host answers with. */
export type HostErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'COMPONENT_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'TEMPLATE_NOT_FOUND'
  | 'FOLDER_NOT_FOUND'
  | 'NOT_A_SECRET'
  | 'DIALOG_NEEDS_PATH'
  // The sync client's codes (engine/src/sync/errors.ts), passed on unchanged.
  | 'SYNC_NOT_CONFIGURED'
  | 'SYNC_NO_TOKEN'
  | 'SYNC_OFFLINE'
  | 'SYNC_HEAD_MOVED'
  | 'SYNC_CONFLICTS'
  | 'SYNC_REMOTE'
  | 'SYNC_INVALID';

const statusOf: Record<HostErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  COMPONENT_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 422,
  FOLDER_NOT_FOUND: 422,
  NOT_A_SECRET: 422,
  DIALOG_NEEDS_PATH: 422,
  SYNC_NOT_CONFIGURED: 422,
  SYNC_NO_TOKEN: 422,
  SYNC_OFFLINE: 422,
  SYNC_HEAD_MOVED: 409,
  SYNC_CONFLICTS: 409,
  SYNC_REMOTE: 422,
  SYNC_INVALID: 422,
};

export class HostError extends Error {
  readonly status: number;

  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}
