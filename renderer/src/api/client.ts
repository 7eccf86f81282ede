import type { ApiError, StudioApi, StudioEvent } from '../../../preload/contract.ts';

/** Whether the event channel is up; while it is down, the studio may miss changes on disk. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * What the renderer talks to: the studio API and its events. The browser host implements it
 * over HTTP and WebSocket; an Electron preload bridge can implement the same interface over IPC.
 */
export interface StudioClient {
  api: StudioApi;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** A refused or failed request, with the host's stable code (see docs/studio-api.md). */
export class StudioApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, body: ApiError['error']) {
    super(body.message);
    this.name = 'StudioApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
  }
}
