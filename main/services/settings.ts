import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { errnoOf } from '../../engine/src/core/errors.ts';
import { writeFileAtomic } from '../../engine/src/project/atomic.ts';
import { settingsSchema, type RequestOf, type Settings } from '../../preload/contract.ts';

/** $CHORUS_HOME (default ~/.chorus): the vault and the studio's settings live there. */
export function chorusHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CHORUS_HOME || path.join(homedir(), '.chorus'));
}

const defaults: Settings = { theme: 'light', recentProjects: [] };
const MAX_RECENT = 20;

/**
 * The studio's settings in `studio-settings.json`. Written atomically; a file that is
 * missing or not valid gives the defaults rather than a studio that cannot start.
 */
export class SettingsService {
  readonly file: string;
  /** Writes are queued so two quick changes never lose one. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(home: string) {
    this.file = path.join(home, 'studio-settings.json');
  }

  async get(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return structuredClone(defaults);
      throw err;
    }
    const parsed = settingsSchema.safeParse(safeJson(text));
    return parsed.success ? parsed.data : structuredClone(defaults);
  }

  set(changes: RequestOf<'settings', 'set'>): Promise<Settings> {
    return this.#update((current) => ({ ...current, ...changes }));
  }

  /** Puts a project first in the recent list. */
  rememberProject(folder: string, name: string): Promise<Settings> {
    return this.#update((current) => ({
      ...current,
      recentProjects: [{ folder, name, openedAt: new Date().toISOString() }, ...current.recentProjects.filter((r) => r.folder !== folder)].slice(0, MAX_RECENT),
    }));
  }

  #update(change: (current: Settings) => Settings): Promise<Settings> {
    const next = this.#writes.then(async () => {
      const settings = change(await this.get());
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify(settings, null, 2)}\n`);
      return settings;
    });
    this.#writes = next.catch(() => undefined);
    return next;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
