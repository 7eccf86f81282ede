import type { StudioClient } from '../api/client.ts';
import type { StudioStore } from '../store/studio-store.ts';

/**
 * Puts a secret variable's value in the vault. The host checks that the variable is secret
 * in the project on disk, so the edit that made it secret is saved first. Answers whether
 * the vault now holds a value: the value itself never comes back.
 */
export async function storeSecret(client: StudioClient, store: StudioStore, variable: string, value: string): Promise<boolean> {
  await store.getState().flushSave();
  const folder = store.getState().folder!;
  await client.api.vault.set({ folder, variable, value });
  return (await client.api.vault.has({ folder, variable })).has;
}

export async function removeSecret(client: StudioClient, store: StudioStore, variable: string): Promise<boolean> {
  const folder = store.getState().folder!;
  await client.api.vault.delete({ folder, variable });
  return (await client.api.vault.has({ folder, variable })).has;
}

export async function secretIsSet(client: StudioClient, store: StudioStore, variable: string): Promise<boolean> {
  await store.getState().flushSave();
  return (await client.api.vault.has({ folder: store.getState().folder!, variable })).has;
}
