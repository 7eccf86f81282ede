/**
 * The studio API: the one contract between the renderer and the host (Electron main or the
 * browser host of `chorus serve`). Every method is a request schema and a response schema;
 * the TypeScript types are inferred from them, so the host validates each request with the
 * very schema the renderer's types come from. No Electron or Node import: the renderer
 * bundles this file.
 */
import { z } from 'zod';
import { componentKindNames, componentKinds, type ComponentKind, type Project } from '../engine/src/core/model/project.ts';
import { scriptMetaSchema } from '../engine/src/core/model/script.ts';
import type { Problem } from '../engine/src/core/problems.ts';
import type { RunLog } from '../engine/src/runtime/run-log.ts';

/** POSIX (`/x`), Windows drive (`C:\x`) or UNC (`\\server\x`): the host never guesses a base folder. */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute path')
  .refine((p) => !p.includes('\0'), 'must not contain NUL');

const folder = absolutePath;
const componentKind = z.enum(componentKindNames as [ComponentKind, ...ComponentKind[]]);
const componentId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a component id');
/** Run ids name files in `.chorus/runs`, so nothing that could leave that folder. */
const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a run id');
const empty = z.strictObject({});
const ok = z.strictObject({});

/** Scripts carry their text beside the JSON part; every other kind is exactly its file. */
const docSchemaOf = (kind: ComponentKind): z.ZodType => (kind === 'scripts' ? scriptMetaSchema.extend({ source: z.string() }) : componentKinds[kind].schema);

/** A component document as stored; checked against its kind's schema so a bad field is refused before anything is written. */
const componentWrite = z
  .strictObject({ op: z.literal('write'), kind: componentKind, doc: z.record(z.string(), z.unknown()) })
  .superRefine((change, ctx) => {
    const result = docSchemaOf(change.kind).safeParse(change.doc);
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['doc', ...issue.path] });
  });
const componentDelete = z.strictObject({ op: z.literal('delete'), kind: componentKind, id: componentId });

const project = z.custom<Project>();
const problems = z.custom<Problem[]>();
const openedProject = z.strictObject({ folder, project: project.optional(), problems, formatVersion: z.number().optional() });

export const themeSchema = z.enum(['light', 'dark']);
export const recentProjectSchema = z.strictObject({ folder, name: z.string(), openedAt: z.string() });
export const settingsSchema = z.strictObject({ theme: themeSchema, recentProjects: z.array(recentProjectSchema).max(50) });

export const runSummarySchema = z.strictObject({
  id: z.string(),
  operation: z.string(),
  operationName: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  endedAt: z.string(),
  /** Records out of the last data step (scripts aside): the usual "how much moved". */
  records: z.number(),
  errors: z.number(),
  /** Whether this run and every run it chained succeeded. */
  chainSucceeded: z.boolean(),
});

const stepSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['read', 'transform', 'write', 'script']),
  recordsIn: z.number(),
  recordsOut: z.number(),
  ms: z.number(),
});

/** `error`: the test could not run (a missing fixture, an unknown operation); it counts as failed. */
export const testStatusSchema = z.enum(['passed', 'failed', 'error', 'skipped']);

export const testSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** What the test runs: an operation, or one transformation. */
  target: z.strictObject({ kind: z.enum(['operation', 'transformation']), id: z.string(), name: z.string() }),
  /** Of the last `tests.run` in this host session; absent when it has not run since the host started. */
  status: testStatusSchema.optional(),
  skip: z.string().optional(),
});

/** One difference of a failed comparison; values as JSON text, `(nothing)`/`(missing)` where a side has none. */
export const testDiffLineSchema = z.strictObject({ path: z.string(), expected: z.string(), actual: z.string() });

export const testResultSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  status: testStatusSchema,
  ms: z.number(),
  /** What failed: a line (`output of "Write" differs from tests/fixtures/x.json (1 difference)`), its diff, other details (messages of the run). */
  failures: z.array(z.strictObject({ message: z.string(), diff: z.array(testDiffLineSchema), details: z.array(z.string()) })),
  skipReason: z.string().optional(),
});

/** Where a folder stands with its repository; `offline` and `not connected` are local facts only. */
export const syncStateSchema = z.enum(['in sync', 'ahead', 'behind', 'diverged', 'conflicts', 'offline', 'not connected']);
const revisionRef = z.strictObject({ id: z.string(), seq: z.number() });
const syncConflictSchema = z.strictObject({ component: z.string(), details: z.array(z.string()) });

export const syncStatusSchema = z.strictObject({
  state: syncStateSchema,
  remote: z.strictObject({ url: z.string(), org: z.string(), environment: z.string(), project: z.string().nullable() }).optional(),
  base: z.strictObject({ revision: z.string().nullable(), seq: z.number() }).optional(),
  /** The server's head; absent when it was not reached. */
  head: revisionRef.nullable().optional(),
  /** Why the server was not reached, or why the folder is not connected. */
  reason: z.string().optional(),
  /** Project files changed in the folder since the base. */
  changes: z.array(z.strictObject({ path: z.string(), change: z.enum(['added', 'modified', 'deleted']) })),
  conflicts: z.array(syncConflictSchema),
});

/** One file of a conflicted component: its three versions as text, null where that version has no such file. */
export const conflictFileSchema = z.strictObject({
  path: z.string(),
  format: z.enum(['json', 'text']),
  /** The version both sides started from; null also when it is not known (the merge was not made by this studio). */
  base: z.string().nullable(),
  mine: z.string().nullable(),
  theirs: z.string().nullable(),
});
export const syncConflictViewSchema = syncConflictSchema.extend({ files: z.array(conflictFileSchema) });

export const revisionSchema = z.strictObject({
  id: z.string(),
  seq: z.number(),
  parent: z.string().nullable(),
  author: z.string(),
  message: z.string(),
  createdAt: z.string(),
  /** The revision the folder is based on. */
  base: z.boolean(),
});

/** A project file path as synced: `chorus.json` or `<kind>/<file>`. */
const projectFile = z.string().regex(/^(chorus\.json|[a-z]+\/[^/\\:\0]+)$/, 'must be a project file');
const revisionId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a revision id');

const method = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({ request, response });

/** Every service and method of the studio API. */
export const studioApi = {
  projects: {
    /** Without a template: an empty project. */
    createFromTemplate: method(z.strictObject({ template: z.string().min(1).optional(), folder, name: z.string().trim().min(1).max(200) }), openedProject),
    open: method(z.strictObject({ folder }), openedProject),
    listRecent: method(empty, z.array(recentProjectSchema)),
    listTemplates: method(empty, z.array(z.strictObject({ id: z.string(), name: z.string(), description: z.string().optional() }))),
    /** Writes and deletes component files atomically; only files that changed are rewritten. */
    save: method(
      z.strictObject({ folder, changes: z.array(z.union([componentWrite, componentDelete])).min(1).max(10_000) }),
      z.strictObject({ written: z.array(z.string()), deleted: z.array(z.string()), problems }),
    ),
    /** Changes the display name; ids (and so file names and references) stay. */
    renameComponent: method(z.strictObject({ folder, kind: componentKind, id: componentId, name: z.string().trim().min(1).max(200) }), z.strictObject({ written: z.array(z.string()), problems })),
    deleteComponent: method(z.strictObject({ folder, kind: componentKind, id: componentId }), z.strictObject({ deleted: z.array(z.string()), problems })),
    /** Starts sending `projects.changed` events for the folder (idempotent). */
    watch: method(z.strictObject({ folder }), ok),
    unwatch: method(z.strictObject({ folder }), ok),
  },
  runs: {
    /** Answers once the run has started; progress and the outcome come as events. */
    start: method(
      z.strictObject({ folder, operation: z.string().min(1), variables: z.record(z.string().min(1), z.string()).optional() }),
      z.strictObject({ runId: z.string() }),
    ),
    /** The worker is asked to stop; if it has not within 2 s it is terminated. */
    cancel: method(z.strictObject({ runId }), z.strictObject({ cancelled: z.boolean() })),
    /** Newest first. */
    history: method(z.strictObject({ folder, limit: z.number().int().min(1).max(1000).optional() }), z.array(runSummarySchema)),
    get: method(z.strictObject({ folder, runId }), z.strictObject({ log: z.custom<RunLog>() })),
  },
  tests: {
    /** The project's tests (`tests/*.json`), by id. */
    list: method(z.strictObject({ folder }), z.array(testSummarySchema)),
    /** Runs the tests (all, or those in `ids`) in a worker, fixtures in, writes captured; answers when all are done. */
    run: method(z.strictObject({ folder, ids: z.array(componentId).min(1).max(10_000).optional() }), z.strictObject({ results: z.array(testResultSchema) })),
    /**
     * A new test from a kept run: its operation runs again in capture mode with the run's
     * project variables; what it read becomes input fixtures and what it would write golden
     * files, under `tests/fixtures/<id>/`.
     */
    createFromRun: method(z.strictObject({ folder, runId, name: z.string().trim().min(1).max(200) }), z.strictObject({ id: z.string() })),
  },
  vault: {
    /** Secrets belong to a project's secret variables; the host never sends a value back. */
    set: method(z.strictObject({ folder, variable: z.string().min(1), value: z.string().min(1) }), ok),
    delete: method(z.strictObject({ folder, variable: z.string().min(1) }), ok),
    has: method(z.strictObject({ folder, variable: z.string().min(1) }), z.strictObject({ has: z.boolean() })),
  },
  dialogs: {
    /**
     * Electron shows the native dialog. The browser host cannot, so the renderer asks the
     * user to type a path and sends it as `typed`; the host checks it and answers.
     */
    chooseFolder: method(
      z.strictObject({ purpose: z.enum(['open', 'create']), typed: z.string().max(4096).optional() }),
      z.strictObject({ folder: folder.nullable() }),
    ),
  },
  sync: {
    /** Asks the server for its head (5 s at most); unreachable, it answers local facts as `offline`. */
    status: method(z.strictObject({ folder }), syncStatusSchema),
    pull: method(
      z.strictObject({ folder }),
      z.strictObject({ revision: revisionRef.nullable(), upToDate: z.boolean(), written: z.array(z.string()), deleted: z.array(z.string()), conflicts: z.array(syncConflictSchema) }),
    ),
    /** With `merge`, a moved head is pulled and merged, then pushed again (stopping at conflicts with SYNC_CONFLICTS). */
    push: method(
      z.strictObject({ folder, message: z.string().max(2000).optional(), merge: z.boolean().optional() }),
      z.strictObject({ revision: revisionRef.nullable(), createdProject: z.boolean(), uploaded: z.number(), merges: z.number() }),
    ),
    conflicts: method(z.strictObject({ folder }), z.array(syncConflictViewSchema)),
    /** `content` replaces one conflicting `file` of the component (a JSON file must be JSON). */
    resolve: method(
      z.discriminatedUnion('choice', [
        z.strictObject({ folder, component: z.string().min(1).max(300), choice: z.enum(['mine', 'theirs']) }),
        z.strictObject({ folder, component: z.string().min(1).max(300), choice: z.literal('content'), file: projectFile, content: z.string().max(10_000_000) }),
      ]),
      z.strictObject({ component: z.string(), written: z.array(z.string()), deleted: z.array(z.string()) }),
    ),
    /** Newest first. */
    log: method(z.strictObject({ folder, limit: z.number().int().min(1).max(500).optional() }), z.strictObject({ revisions: z.array(revisionSchema) })),
    /** The project files of a revision, by path. */
    revisionFiles: method(z.strictObject({ folder, revision: revisionId }), z.strictObject({ files: z.record(z.string(), z.string()) })),
    /** Writes a revision's files into the folder as local changes (local work snapshotted first); push makes them a new revision. */
    restore: method(z.strictObject({ folder, revision: revisionId }), z.strictObject({ written: z.array(z.string()), deleted: z.array(z.string()) })),
    /** Makes the folder's base revision live in an environment. */
    deploy: method(z.strictObject({ folder, environment: z.string().trim().min(1).max(200) }), z.strictObject({ environment: z.string(), revision: z.string(), seq: z.number() })),
  },
  settings: {
    get: method(empty, settingsSchema),
    set: method(settingsSchema.partial(), settingsSchema),
  },
} as const;

export type StudioApiSchema = typeof studioApi;
export type ServiceName = keyof StudioApiSchema;
export type MethodName<S extends ServiceName> = keyof StudioApiSchema[S] & string;

type Schemas = { request: z.ZodType; response: z.ZodType };
type Call<M extends Schemas> = (request: z.input<M['request']>) => Promise<z.output<M['response']>>;
type Handle<M extends Schemas> = (request: z.output<M['request']>) => Promise<z.output<M['response']>>;

/** What the renderer calls: `api.projects.open({ folder })`. */
export type StudioApi = { [S in ServiceName]: { [M in MethodName<S>]: StudioApiSchema[S][M] extends Schemas ? Call<StudioApiSchema[S][M]> : never } };
/** What the host implements: the same methods, called with requests its schemas have already checked. */
export type StudioHandlers = { [S in ServiceName]: { [M in MethodName<S>]: StudioApiSchema[S][M] extends Schemas ? Handle<StudioApiSchema[S][M]> : never } };
export type RequestOf<S extends ServiceName, M extends MethodName<S>> = StudioApiSchema[S][M] extends Schemas ? z.output<StudioApiSchema[S][M]['request']> : never;
export type ResponseOf<S extends ServiceName, M extends MethodName<S>> = StudioApiSchema[S][M] extends Schemas ? z.output<StudioApiSchema[S][M]['response']> : never;

export type Settings = z.output<typeof settingsSchema>;
export type RecentProject = z.output<typeof recentProjectSchema>;
export type RunSummary = z.output<typeof runSummarySchema>;
export type TestSummary = z.output<typeof testSummarySchema>;
export type TestResultView = z.output<typeof testResultSchema>;
export type TestDiffLine = z.output<typeof testDiffLineSchema>;
export type SyncStatusView = z.output<typeof syncStatusSchema>;
export type SyncConflictView = z.output<typeof syncConflictViewSchema>;
export type ConflictFileView = z.output<typeof conflictFileSchema>;
export type RevisionView = z.output<typeof revisionSchema>;
export type ComponentChange = z.output<typeof componentWrite> | z.output<typeof componentDelete>;

/** The method names of every service, for hosts that register them generically. */
export const methodNames = Object.fromEntries(Object.entries(studioApi).map(([service, methods]) => [service, Object.keys(methods)])) as {
  [S in ServiceName]: MethodName<S>[];
};
export const serviceNames = Object.keys(studioApi) as ServiceName[];

/** Events the host pushes; `type` is `<service>.<event>`. */
export const studioEventSchema = z.discriminatedUnion('type', [
  /** Files of a watched project changed on disk (our own saves included), relative paths. */
  z.strictObject({ type: z.literal('projects.changed'), folder, files: z.array(z.string()) }),
  /** A run (or one it chained, named by `operation`) has started. `runId` is always the id `runs.start` answered. */
  z.strictObject({ type: z.literal('runs.started'), runId: z.string(), folder, operation: z.string(), operationName: z.string() }),
  /** Records out of a step so far; at most about ten a second per run. */
  z.strictObject({ type: z.literal('runs.progress'), runId: z.string(), operationName: z.string(), step: z.string(), kind: stepSchema.shape.kind, records: z.number() }),
  /** A transient fault; the operation is tried again after `delayMs`. */
  z.strictObject({ type: z.literal('runs.retrying'), runId: z.string(), operationName: z.string(), attempt: z.number(), delayMs: z.number(), reason: z.string() }),
  z.strictObject({ type: z.literal('runs.stepFinished'), runId: z.string(), operationName: z.string(), step: stepSchema }),
  /** The run and its chain are over; the full log is at `runs.get`. */
  z.strictObject({ type: z.literal('runs.finished'), runId: z.string(), folder, summary: runSummarySchema }),
  /** A sync operation (pull, push, resolve, restore, deploy) ran on the folder, whether or not it succeeded: ask `sync.status` again. */
  z.strictObject({ type: z.literal('sync.changed'), folder }),
]);
export type StudioEvent = z.output<typeof studioEventSchema>;
export type StudioEventType = StudioEvent['type'];

/** The body of every refused or failed request. */
export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    /** Stable: an engine ErrorCode or one of the host's (BAD_REQUEST, UNAUTHORIZED, ...). */
    code: z.string(),
    message: z.string(),
    /** For BAD_REQUEST: the first bad field, as a dotted path (`changes.0.doc.name`). */
    field: z.string().optional(),
    file: z.string().optional(),
    path: z.string().optional(),
  }),
});
export type ApiError = z.output<typeof apiErrorSchema>;

/** Checks a request against its method's schema. */
export function parseRequest<S extends ServiceName, M extends MethodName<S>>(
  service: S,
  methodName: M,
  body: unknown,
): { ok: true; value: RequestOf<S, M> } | { ok: false; field: string; message: string } {
  const schemas = (studioApi[service] as Record<string, Schemas>)[methodName];
  const result = schemas.request.safeParse(body);
  if (result.success) return { ok: true, value: result.data as RequestOf<S, M> };
  const issue = result.error.issues[0];
  return { ok: false, field: issue.path.map(String).join('.'), message: issue.message };
}

/** Whether `service.method` exists in the API (names from the outside are checked before use). */
export function isMethod(service: string, methodName: string): boolean {
  return Object.hasOwn(studioApi, service) && Object.hasOwn(studioApi[service as ServiceName], methodName);
}
