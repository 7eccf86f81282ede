/**
 * Which window shows which project: one window per project, so a project's events go to
 * its window only, and opening a project that is already open focuses its window.
 */
import path from 'node:path';

/** The part of Electron's WebContents this needs. */
export interface WindowContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export class ProjectWindows {
  /** Per window: the folder as given (for the services) and its comparison key. */
  readonly #folders = new Map<number, { folder: string; key: string } | undefined>();
  readonly #contents = new Map<number, WindowContents>();
  readonly #caseInsensitive: boolean;

  /** Windows and macOS file systems are case-insensitive by default, so `C:\P` and `c:\p` are one project. */
  constructor(platform: NodeJS.Platform = process.platform) {
    this.#caseInsensitive = platform === 'win32' || platform === 'darwin';
  }

  add(contents: WindowContents, folder?: string): void {
    this.#contents.set(contents.id, contents);
    this.#folders.set(contents.id, folder === undefined ? undefined : { folder, key: this.#key(folder) });
  }

  /** Forgets a closed window; answers the folder it showed. */
  remove(contents: WindowContents): string | undefined {
    const held = this.#folders.get(contents.id);
    this.#folders.delete(contents.id);
    this.#contents.delete(contents.id);
    return held?.folder;
  }

  /** The live window showing `folder`, if any. */
  windowOf(folder: string): WindowContents | undefined {
    const key = this.#key(folder);
    for (const [id, held] of this.#folders) {
      const contents = this.#contents.get(id);
      if (held?.key === key && contents && !contents.isDestroyed()) return contents;
    }
    return undefined;
  }

  /** The window showing `folder` other than `contents`: where a second open of the project should go. */
  otherWindowOf(folder: string, contents: WindowContents): WindowContents | undefined {
    const owner = this.windowOf(folder);
    return owner && owner.id !== contents.id ? owner : undefined;
  }

  /** `contents` now shows `folder` (a window on the welcome screen, or switching projects). */
  claim(contents: WindowContents, folder: string): void {
    if (!this.#contents.has(contents.id)) this.#contents.set(contents.id, contents);
    this.#folders.set(contents.id, { folder, key: this.#key(folder) });
  }

  /** Sends to the window of `folder`; nothing when the project has no window. */
  send(folder: string, channel: string, payload: unknown): void {
    this.windowOf(folder)?.send(channel, payload);
  }

  #key(folder: string): string {
    const resolved = path.resolve(folder);
    return this.#caseInsensitive ? resolved.toLowerCase() : resolved;
  }
}
