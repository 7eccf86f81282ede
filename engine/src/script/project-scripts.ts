import type { Project } from '../core/model/project.ts';
import { scriptExtension, type ScriptDoc } from '../core/model/script.ts';
import { compileScript, type CompiledScript } from '../core/script/compile.ts';
import type { ScriptCapability, ScriptEnv } from '../core/script/env.ts';
import { resolveReference } from '../core/script/references.ts';
import type { ScriptValue } from '../core/script/values.ts';
import { loadJavaScriptEngine, runJavaScript, runJavaScriptSync } from './javascript.ts';

/** Host functions that wait: a JavaScript script calling one needs the async build. */
const WAITS = /\b(RunOperation|ReRunOperation|Sleep|WaitForOperation|RunScript)\b/;

/**
 * Runs the project's scripts: as script steps, and when a script or formula calls
 * `RunScript`. Chorus scripts are compiled once per mode and reused for the whole run.
 */
export class ProjectScripts implements ScriptCapability {
  private readonly compiled = new Map<string, CompiledScript>();

  constructor(private readonly project: Project) {}

  /** RunScript: the called script shares the caller's globals, last error and depth (RunScript counts it). */
  call(ref: string, args: ScriptValue[], env: ScriptEnv): ScriptValue | Promise<ScriptValue> {
    const script = resolveReference(this.project, ref, 'scripts') as ScriptDoc;
    return this.run(script, args, env);
  }

  run(script: ScriptDoc, args: ScriptValue[], env: ScriptEnv): ScriptValue | Promise<ScriptValue> {
    const language = script.language ?? 'chorus';
    const file = `scripts/${script.id}${scriptExtension[language]}`;
    if (language === 'javascript') {
      if (!env.async) return runJavaScriptSync(script.source, { env, args, file });
      // The async (asyncify) build supports only shallow recursion; a script that never waits
      // runs on the sync build even in a script step.
      if (!WAITS.test(script.source)) return loadJavaScriptEngine().then(() => runJavaScriptSync(script.source, { env: { ...env, async: false }, args, file }));
      return runJavaScript(script.source, { env, args, file });
    }
    const mode = env.async ? 'async' : 'sync';
    const key = `${mode}:${script.id}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileScript(script.source, { mode, file });
      this.compiled.set(key, compiled);
    }
    return env.async ? compiled.runAsync(env, args) : compiled.run(env, args);
  }
}
