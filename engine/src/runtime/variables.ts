import { ChorusError } from '../core/errors.ts';
import type { Project } from '../core/model/project.ts';
import { componentFile } from '../core/model/project.ts';
import { projectVariableSchema } from '../core/model/variable.ts';

/**
 * Resolves `[name]` references during a run: global variables of the chain first (they start
 * with the run's `--var` values and change as the chain runs), then project variables (their
 * defaults, or the vault for secret ones), then the run's built-in values.
 */
export function variableLookup(
  project: Project,
  globals: Map<string, unknown>,
  secrets: ReadonlyMap<string, string>,
  builtins: Record<string, string>,
): (name: string) => unknown {
  const declared = new Map(project.variables.map((v) => [v.name, v]));
  return (name) => {
    if (globals.has(name)) return globals.get(name);
    const doc = declared.get(name);
    if (doc) {
      const v = projectVariableSchema.parse(doc);
      if (!v.secret) return v.default ?? undefined;
      const secret = secrets.get(name);
      if (secret === undefined) {
        throw new ChorusError(
          'SECRET_MISSING',
          `secret variable "${name}" has no value in the vault; set it with: chorus secret set <dir> ${name}`,
          { file: componentFile('variables', v.id) },
        );
      }
      return secret;
    }
    return builtins[name];
  };
}

/** The names of secret project variables, whose values never appear in a run log. */
export function secretNames(project: Project): Set<string> {
  return new Set(project.variables.filter((v) => v.secret).map((v) => v.name));
}
