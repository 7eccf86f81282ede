import type { Vault } from './vault.ts';

/** A vault that lives as long as the process: for tests, and for secrets given on a command line. */
export class MemoryVault implements Vault {
  readonly #entries: Map<string, string>;

  constructor(entries: Iterable<readonly [string, string]> = []) {
    this.#entries = new Map(entries);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#entries.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async has(key: string): Promise<boolean> {
    return this.#entries.has(key);
  }

  async keys(): Promise<string[]> {
    return [...this.#entries.keys()].sort();
  }
}
