/**
 * The desktop studio's vault: the same `Vault` as the CLI's file vault, but the file is
 * sealed with Electron's safeStorage, whose key lives in the OS keychain (Keychain on
 * macOS, DPAPI on Windows, libsecret or KWallet on Linux). It refuses to work when
 * safeStorage has no real keychain behind it: on Linux without one, Chromium falls back
 * to a hard-coded key ("basic_text"), which would only look like encryption.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { ChorusError } from '../../engine/src/core/errors.ts';
import { writeFileAtomic } from '../../engine/src/project/atomic.ts';
import type { Vault } from '../../engine/src/vault/vault.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageLike;
  /** The sealed file, created (mode 0o600) on the first write. */
  file: string;
  platform?: NodeJS.Platform;
}

/** Why safeStorage cannot be trusted with secrets here, or undefined when it can. */
export function safeStorageProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'the OS keychain is not available to Chorus Studio (safeStorage cannot encrypt), so secrets cannot be stored safely';
  }
  if (platform !== 'linux') return undefined;
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text') {
    return 'no keychain was found (safeStorage fell back to "basic_text", a fixed key that protects nothing); install and unlock GNOME Keyring or KWallet, or start with --password-store=gnome-libsecret or --password-store=kwallet6';
  }
  if (backend === 'unknown') return 'the keychain in use cannot be determined (safeStorage reports "unknown"); try again once the studio has started';
  return undefined;
}

export class SafeStorageVault implements Vault {
  readonly file: string;
  readonly #safeStorage: SafeStorageLike;
  readonly #platform: NodeJS.Platform;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: SafeStorageVaultOptions) {
    this.file = path.resolve(options.file);
    this.#safeStorage = options.safeStorage;
    this.#platform = options.platform ?? process.platform;
    this.#check();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#read()).get(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.#read()).has(key);
  }

  async keys(): Promise<string[]> {
    return [...(await this.#read()).keys()].sort();
  }

  set(key: string, value: string): Promise<void> {
    return this.#update((entries) => {
      if (entries.get(key) === value) return false;
      entries.set(key, value);
      return true;
    });
  }

  delete(key: string): Promise<void> {
    return this.#update((entries) => entries.delete(key));
  }

  /** Checked on every call too: the keychain can go away (locked, daemon stopped) while the studio runs. */
  #check(): void {
    const problem = safeStorageProblem(this.#safeStorage, this.#platform);
    if (problem) throw new ChorusError('VAULT_LOCKED', `the vault is not available: ${problem}`, { file: this.file });
  }

  /** Queued, and reading first: a file that cannot be decrypted is never overwritten. */
  #update(change: (entries: Map<string, string>) => boolean): Promise<void> {
    const run = this.#writes.then(async () => {
      const entries = await this.#read();
      if (!change(entries)) return;
      const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const sealed = this.#safeStorage.encryptString(JSON.stringify(sorted));
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, sealed, { mode: 0o600 });
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #read(): Promise<Map<string, string>> {
    this.#check();
    let sealed: Buffer;
    try {
      sealed = await readFile(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new ChorusError('VAULT_LOCKED', `the vault ${this.file} cannot be read: ${(err as Error).message}`, { file: this.file }, false, { cause: err });
    }
    let doc: unknown;
    try {
      doc = JSON.parse(this.#safeStorage.decryptString(sealed));
    } catch (err) {
      throw new ChorusError('VAULT_CORRUPT', `the vault ${this.file} cannot be decrypted with this user's keychain (damaged, or sealed on another machine or account)`, { file: this.file }, false, { cause: err });
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || Object.values(doc).some((v) => typeof v !== 'string')) {
      throw new ChorusError('VAULT_CORRUPT', `the vault ${this.file} does not hold a map of names to text values`, { file: this.file });
    }
    return new Map(Object.entries(doc as Record<string, string>));
  }
}
