import { ChorusError } from '../../engine/src/core/errors.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import { formatProblem, hasErrors } from '../../engine/src/core/problems.ts';
import { loadProject } from '../../engine/src/project/store.ts';

/** Loads a project that must have no error, as `chorus run` does: nothing runs on a broken project. */
export async function loadRunnable(folder: string): Promise<{ dir: string; project: Project }> {
  const loaded = await loadProject(folder);
  if (!loaded.project || hasErrors(loaded.problems)) {
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    const first = errors[0];
    throw new ChorusError(first?.code ?? 'PROJECT_INVALID', `${errors.length} problem(s) in the project; first: ${first ? formatProblem(first) : 'unknown'}`, {
      file: first?.file,
      path: first?.path,
    });
  }
  return { dir: loaded.dir, project: loaded.project };
}
