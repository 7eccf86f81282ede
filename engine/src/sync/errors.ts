/** Stable codes of sync failures; the CLI and the studio match on these, never on messages. */
export type SyncErrorCode =
  /** The project has no remote (`chorus remote add`) or its sync state is unreadable. */
  | 'SYNC_NOT_CONFIGURED'
  /** No token in CHORUS_TOKEN or the vault. */
  | 'SYNC_NO_TOKEN'
  /** The server could not be reached; nothing local changed. */
  | 'SYNC_OFFLINE'
  /** A push whose base is not the head any more: pull (or push --merge). */
  | 'SYNC_HEAD_MOVED'
  /** Conflicts wait for `chorus resolve`; push is refused until then. */
  | 'SYNC_CONFLICTS'
  /** The server answered with an error (its problem code is in `remoteCode`). */
  | 'SYNC_REMOTE'
  /** Bad input: an unknown component, a folder that is not empty, a server answer that makes no sense. */
  | 'SYNC_INVALID';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly remote?: { status: number; code?: string; problem?: Record<string, unknown> },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
