import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ChorusError } from '../../engine/src/core/errors.ts';
import { MANIFEST_FILE } from '../../engine/src/core/model/project.ts';
import { copyTemplate, createProject, loadProject, saveProject, type LoadedProject } from '../../engine/src/project/store.ts';
import { templatesDir } from '../../engine/src/cli/commands/new.ts';
import type { ComponentChange, RequestOf, ResponseOf } from '../../preload/contract.ts';
import { applyChanges, notFound } from './apply-changes.ts';
import type { EventHub } from './events.ts';
import { HostError } from './host-error.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { SettingsService } from './settings.ts';
import { watchFolder } from './watch.ts';

export interface ProjectServiceOptions {
  settings: SettingsService;
  events: EventHub;
  /** Folder of template projects; default the bundled examples. */
  templatesDir?: string;
  watchDebounceMs?: number;
}

type Opened = ResponseOf<'projects', 'open'>;

/**
 * Projects on disk, through the engine's store. Every call reads the folder afresh, since
 * files are the truth and git or an editor may have changed them; saves of one folder are
 * queued so they never interleave.
 */
export class ProjectService {
  readonly #options: ProjectServiceOptions;
  readonly #saves = new KeyedQueue();
  readonly #watchers = new Map<string, () => void>();

  constructor(options: ProjectServiceOptions) {
    this.#options = options;
  }

  async createFromTemplate({ template, folder, name }: RequestOf<'projects', 'createFromTemplate'>): Promise<Opened> {
    let loaded: LoadedProject;
    if (template === undefined) {
      loaded = await createProject(folder, { name });
    } else {
      const templates = await this.#templateIds();
      if (!templates.includes(template)) throw new HostError('TEMPLATE_NOT_FOUND', `no template "${template}" (templates: ${templates.join(', ')})`, 'template');
      loaded = await copyTemplate(path.join(this.#templatesDir(), template), folder, name);
    }
    return this.#opened(loaded);
  }

  async open({ folder }: RequestOf<'projects', 'open'>): Promise<Opened> {
    return this.#opened(await loadProject(folder));
  }

  async listRecent(): Promise<ResponseOf<'projects', 'listRecent'>> {
    return (await this.#options.settings.get()).recentProjects;
  }

  async listTemplates(): Promise<ResponseOf<'projects', 'listTemplates'>> {
    const templates = [];
    for (const id of await this.#templateIds()) {
      const manifest = JSON.parse(await readFile(path.join(this.#templatesDir(), id, MANIFEST_FILE), 'utf8')) as { name: string; description?: string };
      templates.push({ id, name: manifest.name, ...(manifest.description ? { description: manifest.description } : {}) });
    }
    return templates;
  }

  async save({ folder, changes }: RequestOf<'projects', 'save'>): Promise<ResponseOf<'projects', 'save'>> {
    const { written, deleted, problems } = await this.#edit(folder, () => changes);
    return { written, deleted, problems };
  }

  async renameComponent({ folder, kind, id, name }: RequestOf<'projects', 'renameComponent'>): Promise<ResponseOf<'projects', 'renameComponent'>> {
    const { written, problems } = await this.#edit(folder, (project) => {
      const doc = (project[kind] as { id: string }[]).find((c) => c.id === id);
      if (!doc) throw notFound(kind, id);
      return [{ op: 'write', kind, doc: { ...doc, name } }];
    });
    return { written, problems };
  }

  async deleteComponent({ folder, kind, id }: RequestOf<'projects', 'deleteComponent'>): Promise<ResponseOf<'projects', 'deleteComponent'>> {
    const { deleted, problems } = await this.#edit(folder, () => [{ op: 'delete', kind, id }]);
    return { deleted, problems };
  }

  async watch({ folder }: RequestOf<'projects', 'watch'>): Promise<ResponseOf<'projects', 'watch'>> {
    const dir = path.resolve(folder);
    if (this.#watchers.has(dir)) return {};
    const stop = watchFolder(dir, (files) => this.#options.events.emit({ type: 'projects.changed', folder: dir, files }), this.#options.watchDebounceMs);
    this.#watchers.set(dir, stop);
    return {};
  }

  async unwatch({ folder }: RequestOf<'projects', 'unwatch'>): Promise<ResponseOf<'projects', 'unwatch'>> {
    const dir = path.resolve(folder);
    this.#watchers.get(dir)?.();
    this.#watchers.delete(dir);
    return {};
  }

  close(): void {
    for (const stop of this.#watchers.values()) stop();
    this.#watchers.clear();
  }

  /** Loads the folder, applies the changes `plan` gives for it, saves what changed and reports the problems after. */
  #edit(folder: string, plan: (project: NonNullable<LoadedProject['project']>) => ComponentChange[]) {
    return this.#saves.run(path.resolve(folder), async () => {
      const loaded = await loadProject(folder);
      if (!loaded.project) {
        const why = loaded.problems[0];
        throw new ChorusError(why?.code ?? 'PROJECT_NOT_FOUND', `${loaded.dir} cannot be saved: ${why?.message ?? 'it does not load'}`, { file: why?.file, path: why?.path });
      }
      const result = await saveProject(loaded.dir, applyChanges(loaded.project, plan(loaded.project)), loaded);
      const after = await loadProject(loaded.dir);
      return { ...result, problems: after.problems };
    });
  }

  async #opened(loaded: LoadedProject): Promise<Opened> {
    if (loaded.project) await this.#options.settings.rememberProject(loaded.dir, loaded.project.manifest.name);
    return { folder: loaded.dir, project: loaded.project, problems: loaded.problems, ...(loaded.formatVersion !== undefined ? { formatVersion: loaded.formatVersion } : {}) };
  }

  #templatesDir(): string {
    return this.#options.templatesDir ?? templatesDir;
  }

  /** Sub-folders of the templates folder that hold a project. */
  async #templateIds(): Promise<string[]> {
    const entries = await readdir(this.#templatesDir(), { withFileTypes: true });
    const ids = entries.filter((e) => e.isDirectory() && existsSync(path.join(this.#templatesDir(), e.name, MANIFEST_FILE))).map((e) => e.name);
    return ids.sort();
  }
}
