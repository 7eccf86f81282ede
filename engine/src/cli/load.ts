import path from 'node:path';
import { ChorusError } from '../core/errors.ts';
import type { Project } from '../core/model/project.ts';
import { formatProblem, hasErrors } from '../core/problems.ts';
import { loadProject } from '../project/store.ts';
import { CliExit, EXIT, line, type CliIO } from './io.ts';

/**
 * Loads a project for a command: prints every problem as `file: json-path: message` on
 * stderr and stops with exit code 2 when any is an error.
 */
export async function loadForCommand(io: CliIO, dir: string, { warnings = true } = {}): Promise<{ dir: string; project: Project }> {
  const abs = path.resolve(io.cwd, dir);
  let loaded;
  try {
    loaded = await loadProject(abs);
  } catch (err) {
    if (err instanceof ChorusError) throw new CliExit(EXIT.usage, `chorus: ${err.describe()}`);
    throw err;
  }
  for (const p of loaded.problems) {
    if (p.severity === 'error' || warnings) line(io.stderr, `${formatProblem(p, dir)}${p.severity === 'warning' ? ' (warning)' : ''}`);
  }
  if (!loaded.project || hasErrors(loaded.problems)) {
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    throw new CliExit(EXIT.usage, `chorus: ${dir}: ${errors} problem${errors === 1 ? '' : 's'}`);
  }
  return { dir: abs, project: loaded.project };
}
