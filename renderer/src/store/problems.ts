import { componentFile, componentKindNames, componentKinds, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';
import type { Problem } from '../../../engine/src/core/problems.ts';
import { validateProject } from '../../../engine/src/core/validate.ts';
import type { ComponentRef } from './components.ts';

const cache = new WeakMap<Project, WeakMap<Problem[], Problem[]>>();

/**
 * Every problem of the open project: the engine's validation, run here on the edited
 * document, plus the host's load problems for files that did not load (they are not in the
 * document, so validation cannot see them). Memoised per document.
 */
export function projectProblems(project: Project, loadProblems: Problem[]): Problem[] {
  const perProject = cache.get(project) ?? new WeakMap();
  cache.set(project, perProject);
  const hit = perProject.get(loadProblems);
  if (hit) return hit;
  const failed = loadProblems.filter((p) => !componentOfFile(project, p.file));
  const failedFiles = new Set(failed.map((p) => p.file));
  const problems = [...failed, ...validateProject(project, (kind, id) => failedFiles.has(componentFile(kind, id)))];
  perProject.set(loadProblems, problems);
  return problems;
}

/** The component a project file belongs to (`operations/x.json`, `scripts/x.chs`), when it is in the project. */
export function componentOfFile(project: Project, file: string): ComponentRef | undefined {
  const match = /^([^/]+)\/([^/]+?)\.[a-z]+$/.exec(file);
  if (!match) return undefined;
  const kind = componentKindNames.find((k) => componentKinds[k].folder === match[1]) as ComponentKind | undefined;
  if (!kind || !(project[kind] as { id: string }[]).some((c) => c.id === match[2])) return undefined;
  return { kind, id: match[2] };
}
