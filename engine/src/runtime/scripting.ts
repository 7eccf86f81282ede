import { writeActivitySchema } from '../core/model/activity.ts';
import type { Project } from '../core/model/project.ts';
import { Globals, type CacheCapability, type FileCapability, type LogLevel, type OperationCapability, type ScriptEnv } from '../core/script/env.ts';
import { createFormulaCompiler } from '../core/script/formula.ts';
import { toHost } from '../core/script/values.ts';
import type { FormulaCompiler } from '../core/transform/compile.ts';
import { createFileCapability } from '../script/files.ts';
import { localHost } from '../script/host.ts';
import type { ProjectScripts } from '../script/project-scripts.ts';
import type { AttemptRecorder } from './execute.ts';
import { inStep } from './execute.ts';
import type { RunOverrides } from './overrides.ts';
import type { ScriptStepPlan } from './plan.ts';
import type { StepLog } from './run-log.ts';

/** What the scripts and formulas of one operation attempt share. */
export interface Scripting {
  /** The environment of script steps (async mode). */
  env: ScriptEnv;
  formulas: FormulaCompiler;
  files: FileCapability;
}

export interface ScriptingOptions {
  project: Project;
  projectDir: string;
  chainTempDir: string;
  globals: Map<string, unknown>;
  /** Project variables and built-ins (`[name]` lookup of the run). */
  lookup: (name: string) => unknown;
  signal: AbortSignal;
  /**
   * Date.now() after which scripts stop (the operation's timeout). Checked inside loops, so it
   * stops a busy script that never yields to the event loop the timeout timer needs.
   */
  deadline: number;
  log: (level: LogLevel, text: string) => void;
  scripts: ProjectScripts;
  operations: OperationCapability;
  cache: CacheCapability;
  /** Scripts' writes go here instead of to files (tests, dry runs). */
  capture?: RunOverrides['capture'];
}

/**
 * Sets up scripting for one attempt of an operation: one host (clock, files through the
 * project's activities, operations, scripts, cache), one last-error state shared by the
 * operation's script steps and formulas, and the chain's globals.
 */
export function createScripting(o: ScriptingOptions): Scripting {
  const { capture } = o;
  const files = createFileCapability({
    project: o.project,
    projectDir: o.projectDir,
    chainTempDir: o.chainTempDir,
    lookup: o.lookup,
    capture:
      capture &&
      (({ activity, fileName, bytes }) => {
        const { id, endpoint, format } = writeActivitySchema.parse(activity);
        capture({ activity: id, step: 'WriteFile', endpoint, fileName, format, bytes });
      }),
  });
  const host = localHost({ log: o.log, signal: o.signal, files, operations: o.operations, scripts: o.scripts, cache: o.cache });
  const state = { lastError: '' };
  const env: ScriptEnv = {
    globals: new Globals(o.globals, o.lookup),
    host,
    state,
    depth: 0,
    deadline: o.deadline,
    async: true,
    signal: o.signal,
  };
  const formulas = createFormulaCompiler({ host, fallback: o.lookup, state, signal: o.signal });
  return { env, formulas, files };
}

/** Runs a script step; its result (when not null) is the step's preview. */
export async function runScriptStep(step: ScriptStepPlan, scripting: Scripting, scripts: ProjectScripts, rec: AttemptRecorder): Promise<void> {
  const log: StepLog = { name: step.script.name, kind: 'script', recordsIn: 0, recordsOut: 0, ms: 0 };
  rec.steps.push(log);
  const started = performance.now();
  try {
    const value = await scripts.run(step.script, [], scripting.env);
    let key = log.name;
    for (let n = 2; key in rec.preview; n++) key = `${log.name} (${n})`;
    rec.preview[key] = value === null ? [] : [toHost(value)];
  } catch (err) {
    throw inStep(err, log.name);
  } finally {
    log.ms = performance.now() - started;
    rec.onProgress(log);
  }
}
