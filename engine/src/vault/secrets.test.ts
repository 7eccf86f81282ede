import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../project/store.ts';
import { fixturesDir } from '../project/test-helpers.ts';
import { MemoryVault } from './memory-vault.ts';
import { projectSecretKey, resolveSecretVariables } from './secrets.ts';

const project = async () => (await loadProject(join(fixturesDir, 'valid-v1'))).project!;

describe('secrets', () => {
  it('namespaces vault keys by project', () => {
    expect(projectSecretKey('ordersync01', 'variable:apiToken')).toBe('ordersync01/variable:apiToken');
  });

  it('resolves the values of secret variables only', async () => {
    const vault = new MemoryVault([
      ['ordersync01/variable:apiToken', 't0ken'],
      ['otherproject/variable:apiToken', 'not ours'],
    ]);
    expect(await resolveSecretVariables(await project(), vault)).toEqual(new Map([['apiToken', 't0ken']]));
  });

  it('leaves out a secret the vault has no value for', async () => {
    const vault = new MemoryVault([['otherproject/variable:apiToken', 'not ours']]);
    expect(await resolveSecretVariables(await project(), vault)).toEqual(new Map());
  });
});

describe('MemoryVault', () => {
  it('keeps values for the life of the object', async () => {
    const vault = new MemoryVault();
    await vault.set('b', '2');
    await vault.set('a', '1');
    expect(await vault.keys()).toEqual(['a', 'b']);
    await vault.delete('a');
    expect(await vault.has('a')).toBe(false);
    expect(await vault.get('b')).toBe('2');
  });
});
