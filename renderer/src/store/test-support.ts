/** A project and a fake host for the store's tests: no network, no React. */
import type { Project } from '../../../engine/src/core/model/project.ts';
import type { RunSummary, StudioApi, StudioEvent } from '../../../preload/contract.ts';
import type { RunLog } from './run-state.ts';
import type { ConnectionState, StudioClient } from '../api/client.ts';

export function sampleProject(): Project {
  return {
    manifest: { formatVersion: 1, id: 'proj-123456', name: 'Sample' },
    endpoints: [{ id: 'incoming', name: 'Incoming', kind: 'file', settings: { folder: 'data/in' } }],
    activities: [],
    schemas: [],
    transformations: [],
    scripts: [{ id: 'hello', name: 'Hello', language: 'chorus', source: '<trans>1</trans>' }],
    operations: [
      { id: 'a', name: 'A', steps: [{ kind: 'script', script: 'hello' }] },
      { id: 'b', name: 'B', steps: [] },
    ],
    workflows: [{ id: 'main', name: 'Main', operations: ['a', 'b'], layout: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } } }],
    variables: [],
    schedules: [],
    tests: [],
  };
}

export interface FakeHost {
  client: StudioClient;
  /** What the fake disk holds. */
  disk: Project;
  saves: Parameters<StudioApi['projects']['save']>[0][];
  emit(event: StudioEvent): void;
  connection(state: ConnectionState): void;
  runStarts: string[];
  history: RunSummary[];
  /** Secrets the fake vault holds, by variable. */
  vault: Map<string, string>;
}

export function sampleLog(id = 'run-1'): RunLog {
  return {
    id,
    operation: 'a',
    operationName: 'A',
    status: 'succeeded',
    startedAt: '2026-01-01T10:00:00.000Z',
    endedAt: '2026-01-01T10:00:01.500Z',
    attempts: 1,
    steps: [{ name: 'Hello', kind: 'script', recordsIn: 0, recordsOut: 1, ms: 4 }],
    messages: [],
    preview: { Hello: [{ n: 1 }] },
    variables: {},
    targets: [],
    sources: [],
    children: [],
  };
}

export function fakeHost(initial: Project = sampleProject(), folder = '/p'): FakeHost {
  const events = new Set<(e: StudioEvent) => void>();
  const connections = new Set<(s: ConnectionState) => void>();
  const host: FakeHost = {
    disk: initial,
    saves: [],
    runStarts: [],
    history: [],
    vault: new Map(),
    emit: (e) => events.forEach((l) => l(e)),
    connection: (s) => connections.forEach((l) => l(s)),
    client: undefined as unknown as StudioClient,
  };
  const opened = async () => ({ folder, project: structuredClone(host.disk), problems: [] });
  const api = {
    projects: {
      open: opened,
      createFromTemplate: opened,
      watch: async () => ({}),
      unwatch: async () => ({}),
      save: async (request: Parameters<StudioApi['projects']['save']>[0]) => {
        host.saves.push(structuredClone(request));
        let disk = host.disk;
        for (const change of request.changes) {
          const list = (disk[change.kind] as { id: string }[]).filter((c) => c.id !== (change.op === 'write' ? (change.doc as { id: string }).id : change.id));
          disk = { ...disk, [change.kind]: change.op === 'write' ? [...list, change.doc] : list };
        }
        host.disk = disk;
        return { written: [], deleted: [], problems: [] };
      },
    },
    runs: {
      start: async ({ operation }: { operation: string }) => {
        host.runStarts.push(operation);
        return { runId: 'run-1' };
      },
      cancel: async () => ({ cancelled: true }),
      get: async ({ runId }: { runId: string }) => ({ log: sampleLog(runId) }),
      history: async () => host.history,
    },
    vault: {
      set: async ({ variable, value }: { variable: string; value: string }) => (host.vault.set(variable, value), {}),
      delete: async ({ variable }: { variable: string }) => (host.vault.delete(variable), {}),
      has: async ({ variable }: { variable: string }) => ({ has: host.vault.has(variable) }),
    },
  };
  host.client = {
    api: api as unknown as StudioApi,
    onEvent: (l) => (events.add(l), () => events.delete(l)),
    onConnection: (l) => (connections.add(l), () => connections.delete(l)),
    close: () => undefined,
  };
  return host;
}
