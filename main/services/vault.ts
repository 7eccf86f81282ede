import { secretKeyOfVariable } from '../../engine/src/core/model/variable.ts';
import { loadProject } from '../../engine/src/project/store.ts';
import { projectSecretKey } from '../../engine/src/vault/secrets.ts';
import type { Vault } from '../../engine/src/vault/vault.ts';
import type { RequestOf, ResponseOf } from '../../preload/contract.ts';
import { HostError } from './host-error.ts';

/**
 * Values of a project's secret variables, under the same keys `chorus secret set` uses.
 * There is deliberately no `get`: a secret goes into the vault and only runs read it.
 */
export class VaultService {
  readonly #vault: () => Promise<Vault>;

  /** The vault is opened on first use: opening the default one creates its key file. */
  constructor(vault: () => Promise<Vault>) {
    this.#vault = vault;
  }

  async set({ folder, variable, value }: RequestOf<'vault', 'set'>): Promise<ResponseOf<'vault', 'set'>> {
    await (await this.#vault()).set(await secretKey(folder, variable), value);
    return {};
  }

  async delete({ folder, variable }: RequestOf<'vault', 'delete'>): Promise<ResponseOf<'vault', 'delete'>> {
    await (await this.#vault()).delete(await secretKey(folder, variable));
    return {};
  }

  async has({ folder, variable }: RequestOf<'vault', 'has'>): Promise<ResponseOf<'vault', 'has'>> {
    return { has: await (await this.#vault()).has(await secretKey(folder, variable)) };
  }
}

/** Only a variable the project declares secret has a vault entry, keyed by the project's id. */
async function secretKey(folder: string, variable: string): Promise<string> {
  const { project } = await loadProject(folder);
  if (!project) throw new HostError('FOLDER_NOT_FOUND', `${folder} is not a Chorus project that loads`, 'folder');
  if (!project.variables.some((v) => v.name === variable && v.secret)) {
    const secrets = project.variables.filter((v) => v.secret).map((v) => v.name);
    throw new HostError('NOT_A_SECRET', `"${variable}" is not a secret variable of this project (secret variables: ${secrets.join(', ') || 'none'})`, 'variable');
  }
  return projectSecretKey(project.manifest.id, secretKeyOfVariable(variable));
}
