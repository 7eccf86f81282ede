/**
 * The studio API over Electron IPC: one `ipcMain.handle('chorus:<service>.<method>')` per
 * method of the contract. The sender's frame is checked before anything is read, and the
 * payload goes through the same `dispatch` as the browser host's HTTP bodies, so the
 * renderer is never trusted. Errors come back as data in the contract's error shape.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { methodNames, type StudioEvent } from '../../preload/contract.ts';
import { EVENT_CHANNEL, requestChannel, type IpcReply } from '../../preload/bridge.ts';
import { problemOf } from '../browser-host/errors.ts';
import { dispatch } from '../services/dispatch.ts';
import type { EventHub } from '../services/events.ts';
import type { StudioServices } from '../services/index.ts';
import { isAppUrl, type AppLocation } from './app-url.ts';
import type { ProjectWindows, WindowContents } from './project-windows.ts';

export type SenderCheck = (frame: Pick<WebFrameMain, 'url' | 'parent'> | null) => boolean;

/** Only the top frame of a page from the app's own origin may call the API. */
export function trustedSender(app: AppLocation): SenderCheck {
  return (frame) => {
    try {
      return frame !== null && frame.parent === null && isAppUrl(frame.url, app);
    } catch {
      // A frame disposed while its message was in flight throws on access: not trusted.
      return false;
    }
  };
}

export interface IpcOptions {
  /** Claims a project for the window that opens it; without it, no window bookkeeping. */
  windows?: ProjectWindows;
  /** Brings a window to the front (a second open of its project). */
  focus?: (contents: WindowContents) => void;
  /** Unexpected errors (500s), for the console: the renderer gets no details. */
  onError?: (err: unknown) => void;
}

type Invoke = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: WindowContents };

/** Registers every method; returns the function that removes the handlers again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, services: StudioServices, isTrustedSender: SenderCheck, options: IpcOptions = {}): () => void {
  const channels: string[] = [];
  for (const [service, methods] of Object.entries(methodNames)) {
    for (const method of methods) {
      const channel = requestChannel(service, method);
      channels.push(channel);
      ipcMain.handle(channel, (event, request: unknown) => handle(event as Invoke, service, method, request));
    }
  }

  async function handle(event: Invoke, service: string, method: string, request: unknown): Promise<IpcReply> {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: 'this sender may not call the studio API' } };
    }
    try {
      const opensProject = service === 'projects' && (method === 'open' || method === 'createFromTemplate');
      const folder = opensProject ? folderOf(request) : undefined;
      const owner = folder === undefined ? undefined : options.windows?.otherWindowOf(folder, event.sender);
      if (owner) {
        options.focus?.(owner);
        return { ok: false, status: 409, error: { code: 'PROJECT_OPEN_ELSEWHERE', message: `${folder} is open in another window, which is now in front`, field: 'folder' } };
      }
      const value = await dispatch(services.handlers, service, method, request === undefined ? {} : request);
      // A project that loaded now belongs to this window: its events come here.
      if (folder !== undefined && (value as { project?: unknown }).project !== undefined) options.windows?.claim(event.sender, folder);
      return { ok: true, value };
    } catch (err) {
      const { status, body } = problemOf(err);
      if (status >= 500) options.onError?.(err);
      return { ok: false, status, error: body.error };
    }
  }

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

function folderOf(request: unknown): string | undefined {
  const folder = (request as { folder?: unknown } | null | undefined)?.folder;
  return typeof folder === 'string' ? folder : undefined;
}

/**
 * Pushes each event to the window of its project. Run events after `runs.started` carry
 * only the run id, so the run's folder is remembered until `runs.finished`.
 */
export function forwardEvents(events: EventHub, windows: ProjectWindows): () => void {
  const runFolders = new Map<string, string>();
  return events.on((event: StudioEvent) => {
    if (event.type === 'runs.started') runFolders.set(event.runId, event.folder);
    const folder = 'folder' in event ? event.folder : runFolders.get(event.runId);
    if (event.type === 'runs.finished') runFolders.delete(event.runId);
    if (folder !== undefined) windows.send(folder, EVENT_CHANNEL, event);
  });
}
