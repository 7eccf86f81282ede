import type { Project } from '../core/model/project.ts';
import { secretKeyOfVariable } from '../core/model/variable.ts';
import type { Vault } from './vault.ts';

/** The vault key of a project's secret: secrets of different projects never collide. */
export function projectSecretKey(projectId: string, key: string): string {
  return `${projectId}/${key}`;
}

/**
 * The values the vault holds for the project's secret variables, by variable name. A secret
 * without a value is simply absent: the run reports SECRET_MISSING only if something uses it.
 */
export async function resolveSecretVariables(project: Project, vault: Vault): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const variable of project.variables) {
    if (!variable.secret) continue;
    const value = await vault.get(projectSecretKey(project.manifest.id, secretKeyOfVariable(variable.name)));
    if (value !== undefined) values.set(variable.name, value);
  }
  return values;
}
