import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConnectorContext } from '../connectors/types.ts';
import { ChorusError, toChorusError } from '../core/errors.ts';
import { canonicalJson } from '../core/json.ts';
import { operationSchema, type Operation } from '../core/model/operation.ts';
import { LOCAL_FOLDER, type Project } from '../core/model/project.ts';
import { writeFileAtomic } from '../project/atomic.ts';
import { abortError, sleep } from '../cancel.ts';
import { executePlan, type AttemptRecorder } from './execute.ts';
import { createScripting, runScriptStep } from './scripting.ts';
import { ProjectScripts } from '../script/project-scripts.ts';
import { loadJavaScriptEngine } from '../script/javascript.ts';
import { MemoryCache } from '../core/script/memory-cache.ts';
import { resolveReference } from '../core/script/references.ts';
import type { ScriptEnv } from '../core/script/env.ts';
import { planOperation } from './plan.ts';
import type { RunOverrides } from './overrides.ts';
import type { RunEvent, RunLog, RunMessage, StepLog } from './run-log.ts';
import { secretNames, variableLookup } from './variables.ts';

export interface RunOptions {
  project: Project;
  /** Absolute path of the project folder. */
  projectDir: string;
  /** Initial global variables of the chain (`--var name=value`). */
  variables?: Record<string, unknown>;
  /** Values of secret project variables, from the vault, by variable name. */
  secrets?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Where run logs go; default `<project>/.chorus/runs`; false keeps them in memory only. */
  runsDir?: string | false;
  /** Replaced sources and captured targets, for tests and dry runs. */
  overrides?: RunOverrides;
}

/** Run state shared by the operations of one chain. */
interface Chain {
  options: RunOptions;
  globals: Map<string, unknown>;
  tempDir: string;
  /** Operations currently running in this chain, to detect cycles. */
  stack: string[];
  runsDir: string | false;
  secretNames: Set<string>;
  /** The project's scripts, compiled once for the whole chain. */
  scripts: ProjectScripts;
  /** ReadCache/WriteCache: a cache local to this chain. */
  cache: MemoryCache;
}

const PROGRESS_INTERVAL_MS = 100;
/** Backoff never waits longer than a day between attempts. */
const MAX_DELAY_MS = 86_400_000;

/**
 * Runs an operation (by id or name) and the operations it chains on success or failure.
 * Never throws for a failed run: the returned log says what happened. Throws only when the
 * operation does not exist (OPERATION_NOT_FOUND).
 */
export async function runOperation(operation: string, options: RunOptions): Promise<RunLog> {
  const op = findOperation(options.project, operation);
  // JavaScript runs in a WebAssembly module loaded once; formulas call scripts synchronously.
  if (options.project.scripts.some((s) => s.language === 'javascript')) await loadJavaScriptEngine();
  const runsDir = options.runsDir === undefined ? path.join(options.projectDir, LOCAL_FOLDER, 'runs') : options.runsDir;
  const chain: Chain = {
    options,
    globals: new Map(Object.entries(options.variables ?? {})),
    tempDir: await mkdtemp(path.join(tmpdir(), 'chorus-chain-')),
    stack: [],
    runsDir,
    secretNames: secretNames(options.project),
    scripts: new ProjectScripts(options.project),
    cache: new MemoryCache(() => Date.now()),
  };
  try {
    const log = await runInChain(chain, op.id);
    if (runsDir !== false) await keepRunLog(runsDir, log);
    return log;
  } finally {
    await rm(chain.tempDir, { recursive: true, force: true });
  }
}

/** Keeps the run log in the run history; a history that cannot be written is a warning, not a failed run. */
async function keepRunLog(runsDir: string, log: RunLog): Promise<void> {
  try {
    await mkdir(runsDir, { recursive: true });
    await writeFileAtomic(path.join(runsDir, `${log.id}.json`), canonicalJson(log));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    log.messages.push({ level: 'warning', code: 'RUN_LOG_NOT_KEPT', text: `the run log could not be saved in ${runsDir}: ${reason}` });
  }
}

export function findOperation(project: Project, idOrName: string): Operation {
  const doc =
    project.operations.find((o) => o.id === idOrName) ??
    project.operations.find((o) => o.name.toLowerCase() === idOrName.toLowerCase());
  if (!doc) {
    const known = project.operations.map((o) => o.id).join(', ') || 'none';
    throw new ChorusError('OPERATION_NOT_FOUND', `no operation "${idOrName}" in this project (operations: ${known})`);
  }
  return operationSchema.parse(doc);
}

async function runInChain(chain: Chain, operationId: string): Promise<RunLog> {
  const { options } = chain;
  const op = findOperation(options.project, operationId);
  const started = new Date();
  const log: RunLog = {
    id: runId(started),
    operation: op.id,
    operationName: op.name,
    status: 'succeeded',
    startedAt: started.toISOString(),
    endedAt: '',
    attempts: 0,
    steps: [],
    messages: [],
    preview: {},
    variables: {},
    targets: [],
    sources: [],
    children: [],
  };
  if (options.overrides?.capture) log.dryRun = true;
  const emit = (event: RunEvent) => options.onEvent?.(event);
  emit({ type: 'run-started', runId: log.id, operation: op.id, operationName: op.name });

  if (chain.stack.includes(op.id)) {
    fail(log, new ChorusError('RUN_CYCLE', `operation "${op.name}" is already running in this chain: ${[...chain.stack, op.id].join(' -> ')}`));
    publishOutcome(chain.globals, log);
    return finish(chain, log);
  }
  chain.globals.set('jitterbit.operation.name', op.name);
  chain.globals.set('jitterbit.operation.guid', log.id);
  // The operation stays on the stack while its chained operations run: reaching it again is a cycle.
  chain.stack.push(op.id);
  try {
    await runWithRetries(chain, op, log);
    publishOutcome(chain.globals, log);
    if (log.status !== 'cancelled') {
      for (const next of log.status === 'succeeded' ? op.onSuccess : op.onFailure) {
        if (options.signal?.aborted) break;
        log.children.push(await runInChain(chain, next));
      }
    }
  } finally {
    chain.stack.pop();
  }
  return finish(chain, log);
}

async function runWithRetries(chain: Chain, op: Operation, log: RunLog): Promise<void> {
  const { options } = chain;
  const timeout = new AbortController();
  const timer = op.options.timeoutSeconds > 0 ? setTimeout(() => timeout.abort(new ChorusError('RUN_TIMEOUT', `the operation took longer than its timeout of ${op.options.timeoutSeconds} s`)), op.options.timeoutSeconds * 1000) : undefined;
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const { retries } = op.options;
    for (let attempt = 1; ; attempt++) {
      log.attempts = attempt;
      log.steps = [];
      log.preview = {};
      log.sources = [];
      log.targets = [];
      try {
        await attemptOnce(chain, op, log, signal);
        return;
      } catch (err) {
        const error = signal.aborted ? abortError(signal) : toChorusError(err);
        if (error.transient && attempt <= retries.count && !signal.aborted) {
          const delayMs = Math.min(retries.delaySeconds * 1000 * retries.factor ** (attempt - 1), MAX_DELAY_MS);
          log.messages.push({ level: 'warning', code: error.code, text: `attempt ${attempt} failed (${error.message}); retrying in ${delayMs} ms`, ...where(error) });
          options.onEvent?.({ type: 'run-retrying', runId: log.id, attempt, delayMs, reason: error.message });
          try {
            await sleep(delayMs, signal);
            continue;
          } catch (abort) {
            fail(log, toChorusError(abort));
            return;
          }
        }
        fail(log, error);
        return;
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

async function attemptOnce(chain: Chain, op: Operation, log: RunLog, signal: AbortSignal): Promise<void> {
  const { options } = chain;
  const lookup = variableLookup(options.project, chain.globals, options.secrets ?? new Map(), {
    runId: log.id,
    operation: op.name,
    'project.name': options.project.manifest.name,
  });
  const scripting = createScripting({
    project: options.project,
    projectDir: options.projectDir,
    chainTempDir: chain.tempDir,
    globals: chain.globals,
    lookup,
    signal,
    deadline: op.options.timeoutSeconds > 0 ? Date.now() + op.options.timeoutSeconds * 1000 : Infinity,
    log: (level, text) => log.messages.push({ level, code: level === 'info' ? 'SCRIPT_LOG' : level === 'warning' ? 'SCRIPT_WARNING' : 'SCRIPT_ERROR', text }),
    scripts: chain.scripts,
    operations: { run: (ref, sync, env) => runFromScript(chain, log, ref, sync, env) },
    cache: chain.cache,
    capture: options.overrides?.capture,
  });
  // Planned before anything runs, so a missing component or a bad formula fails the run early.
  const plan = planOperation(options.project, op, lookup, scripting.formulas);
  const ctx: ConnectorContext = { projectDir: options.projectDir, chainTempDir: chain.tempDir, globals: chain.globals, signal };
  let lastProgress = 0;
  const debugDir = op.options.debug && chain.runsDir !== false ? path.join(chain.runsDir, log.id) : undefined;
  if (debugDir) await mkdir(debugDir, { recursive: true });
  const recorder: AttemptRecorder = {
    steps: log.steps,
    preview: log.preview,
    previewLimit: op.options.previewRecords,
    sources: log.sources,
    targets: log.targets,
    messages: log.messages,
    onProgress: (step: StepLog) => {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      options.onEvent?.({ type: 'step-progress', runId: log.id, step: step.name, kind: step.kind, records: step.recordsOut });
    },
    debugSink: debugDir ? (index, step) => createWriteStream(path.join(debugDir, `${index + 1}-${step.kind}.jsonl`)) : undefined,
  };
  for (const step of plan.before) await runScriptStep(step, scripting, chain.scripts, recorder);
  // Scripts before the data steps may set the variables their activities use ([fileName]).
  const data = plan.before.length > 0 ? planOperation(options.project, op, lookup, scripting.formulas).data : plan.data;
  if (data) await executePlan(data, ctx, recorder, options.overrides);
  for (const step of plan.after) await runScriptStep(step, scripting, chain.scripts, recorder);
  // WriteFile content is written when the operation has succeeded.
  scripting.files.flush();
  for (const s of log.steps) options.onEvent?.({ type: 'step-progress', runId: log.id, step: s.name, kind: s.kind, records: s.recordsOut });
}

/**
 * RunOperation from a script: runs the operation in this chain (sharing its globals) and
 * answers whether it succeeded; its log becomes a child of the caller's. Asynchronous calls
 * (`RunOperation(ref, false)`) run the same way once the caller reaches them: this engine
 * has no queue of its own yet, so they are not concurrent.
 */
async function runFromScript(chain: Chain, caller: RunLog, ref: string, _sync: boolean, env: ScriptEnv): Promise<boolean> {
  const target = resolveReference(chain.options.project, ref, 'operations') as { id: string };
  const child = await runInChain(chain, target.id);
  caller.children.push(child);
  if (child.status === 'succeeded') return true;
  const lastError = [...child.messages].reverse().find((m) => m.level === 'error');
  env.state.lastError = lastError?.text ?? `operation "${child.operationName}" ${child.status}`;
  return false;
}

/** Global variable holding every error of the chain, one JSON object per line (for error-report operations). */
const CHAIN_ERRORS_VARIABLE = 'chorus.errors';

/**
 * Tells the operations that follow how this one went, through the chain's global variables:
 * the Jitterbit-compatible `jitterbit.operation.*` values and `chorus.errors`, which a
 * variable endpoint can read as JSON lines.
 */
function publishOutcome(globals: Map<string, unknown>, log: RunLog): void {
  globals.set('jitterbit.operation.previous.success', log.status === 'succeeded');
  const errors = log.messages.filter((m) => m.level === 'error');
  if (errors.length === 0) return;
  const last = errors[errors.length - 1];
  globals.set('jitterbit.operation.last_error', last.text);
  globals.set('jitterbit.operation.previous.error', last.text);
  const lines = errors.map((m) => JSON.stringify({ operation: log.operationName, run: log.id, at: new Date().toISOString(), ...m }));
  const previous = globals.get(CHAIN_ERRORS_VARIABLE);
  globals.set(CHAIN_ERRORS_VARIABLE, `${typeof previous === 'string' ? previous : ''}${lines.join('\n')}\n`);
}

function fail(log: RunLog, error: ChorusError): void {
  log.status = error.code === 'RUN_CANCELLED' ? 'cancelled' : 'failed';
  log.messages.push({ level: 'error', code: error.code, text: error.message, ...where(error) });
}

function where(error: ChorusError): Omit<RunMessage, 'level' | 'code' | 'text'> {
  const { step, record, file, line, column, path: jsonPath } = error.location;
  return Object.fromEntries(Object.entries({ step, record, file, line, column, path: jsonPath }).filter(([, v]) => v !== undefined));
}

function finish(chain: Chain, log: RunLog): RunLog {
  log.endedAt = new Date().toISOString();
  for (const s of log.steps) s.ms = Math.round(s.ms * 10) / 10;
  log.variables = Object.fromEntries(
    [...chain.globals].map(([name, value]) => [name, chain.secretNames.has(name) ? '********' : value]),
  );
  chain.options.onEvent?.({ type: 'run-finished', log });
  return log;
}

function runId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}
