import type { Vault } from '../../engine/src/vault/vault.ts';
import { resolveSecretVariables } from '../../engine/src/vault/secrets.ts';
import type { StudioHandlers } from '../../preload/contract.ts';
import { chooseTypedFolder } from './dialogs.ts';
import { EventHub } from './events.ts';
import { ProjectService } from './projects.ts';
import { RunManager } from './runs.ts';
import { SettingsService } from './settings.ts';
import { SyncService } from './sync.ts';
import { TestService } from './tests.ts';
import { VaultService } from './vault.ts';

export interface StudioServicesOptions {
  /** Where the studio's settings live ($CHORUS_HOME). */
  home: string;
  /** Opened on first use. */
  vault: () => Promise<Vault>;
  templatesDir?: string;
  cancelGraceMs?: number;
  watchDebounceMs?: number;
  /** Electron passes its native dialog; the browser host checks a typed path. */
  chooseFolder?: StudioHandlers['dialogs']['chooseFolder'];
}

/** The studio API implemented once, for both front doors, plus the events they forward. */
export interface StudioServices {
  handlers: StudioHandlers;
  events: EventHub;
  /** Stops runs, test workers and watchers. */
  close(): Promise<void>;
}

export function createStudioServices(options: StudioServicesOptions): StudioServices {
  const events = new EventHub();
  const settings = new SettingsService(options.home);
  const vault = once(options.vault);
  const projects = new ProjectService({ settings, events, templatesDir: options.templatesDir, watchDebounceMs: options.watchDebounceMs });
  const runs = new RunManager({
    events,
    cancelGraceMs: options.cancelGraceMs,
    // A project without secret variables never opens the vault.
    secretsFor: async (project) => (project.variables.some((v) => v.secret) ? resolveSecretVariables(project, await vault()) : new Map()),
  });
  const tests = new TestService();
  const vaultService = new VaultService(vault);
  const syncService = new SyncService({ events, vault });
  const handlers: StudioHandlers = {
    projects: {
      createFromTemplate: (r) => projects.createFromTemplate(r),
      open: (r) => projects.open(r),
      listRecent: () => projects.listRecent(),
      listTemplates: () => projects.listTemplates(),
      save: (r) => projects.save(r),
      renameComponent: (r) => projects.renameComponent(r),
      deleteComponent: (r) => projects.deleteComponent(r),
      watch: (r) => projects.watch(r),
      unwatch: (r) => projects.unwatch(r),
    },
    runs: {
      start: (r) => runs.start(r),
      cancel: (r) => runs.cancel(r),
      history: (r) => runs.history(r),
      get: (r) => runs.get(r),
    },
    tests: {
      list: (r) => tests.list(r),
      run: (r) => tests.run(r),
      createFromRun: (r) => tests.createFromRun(r),
    },
    vault: {
      set: (r) => vaultService.set(r),
      delete: (r) => vaultService.delete(r),
      has: (r) => vaultService.has(r),
    },
    dialogs: { chooseFolder: options.chooseFolder ?? chooseTypedFolder },
    sync: {
      status: (r) => syncService.status(r),
      pull: (r) => syncService.pull(r),
      push: (r) => syncService.push(r),
      conflicts: (r) => syncService.conflicts(r),
      resolve: (r) => syncService.resolve(r),
      log: (r) => syncService.log(r),
      revisionFiles: (r) => syncService.revisionFiles(r),
      restore: (r) => syncService.restore(r),
      deploy: (r) => syncService.deploy(r),
    },
    settings: {
      get: () => settings.get(),
      set: (r) => settings.set(r),
    },
  };
  return {
    handlers,
    events,
    async close() {
      projects.close();
      await Promise.all([runs.close(), tests.close()]);
    },
  };
}

/** Opens once and shares the result; a failed open (a locked vault) is tried again next time. */
function once<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | undefined;
  return () =>
    (opened ??= open().catch((err: unknown) => {
      opened = undefined;
      throw err;
    }));
}
