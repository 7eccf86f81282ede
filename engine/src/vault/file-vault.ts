import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ChorusError } from '../core/errors.ts';
import { syncFolder, writeFileAtomic } from '../project/atomic.ts';
import { corrupt, deriveKey, newKdfParams, parseEnvelope, seal, unseal, type KdfParams } from './envelope.ts';
import type { Vault } from './vault.ts';

export interface FileVaultOptions {
  /** Path of the vault file; created (mode 0o600) on the first write. */
  file: string;
  passphrase: string;
}

interface Opened {
  entries: Map<string, string>;
  /** How the file on disk was sealed; undefined while there is no file. */
  sealing?: { kdf: KdfParams; key: Buffer };
}

/**
 * A vault kept in one encrypted file (see envelope.ts). Every call reads the file, so other
 * processes' writes are seen; writes from this instance are queued so none is lost. A file
 * that cannot be decrypted is never overwritten.
 */
export class FileVault implements Vault {
  readonly file: string;
  readonly #passphrase: string;
  /** The key for the salt last seen: scrypt is deliberately slow. */
  #derived?: { kdf: KdfParams; key: Buffer };
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: FileVaultOptions) {
    this.file = resolve(options.file);
    if (options.passphrase === '') throw new ChorusError('VAULT_LOCKED', 'the vault passphrase is empty', { file: this.file });
    this.#passphrase = options.passphrase;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#open()).entries.get(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.#open()).entries.has(key);
  }

  async keys(): Promise<string[]> {
    return [...(await this.#open()).entries.keys()].sort();
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

  /** Runs `change` on the current entries and writes them back if it reports a change. */
  #update(change: (entries: Map<string, string>) => boolean): Promise<void> {
    const run = this.#writes.then(async () => {
      const opened = await this.#open();
      if (change(opened.entries)) await this.#write(opened);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #open(): Promise<Opened> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ChorusError('VAULT_LOCKED', `the vault ${this.file} cannot be read: ${(err as Error).message}`, { file: this.file }, false, { cause: err });
      }
      return { entries: new Map() };
    }
    const { envelope, kdf } = parseEnvelope(text, this.file);
    const key = await this.#key(kdf);
    return { entries: this.#parseEntries(unseal(envelope, key, this.file)), sealing: { kdf, key } };
  }

  async #write({ entries, sealing }: Opened): Promise<void> {
    const kdf = sealing?.kdf ?? newKdfParams();
    const key = sealing?.key ?? (await this.#key(kdf));
    const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = seal(Buffer.from(JSON.stringify(sorted), 'utf8'), key, kdf);
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, text, { mode: 0o600 });
    } catch (err) {
      throw new ChorusError('INTERNAL', `cannot write the vault ${this.file}: ${(err as Error).message}`, { file: this.file }, false, { cause: err });
    }
  }

  async #key(kdf: KdfParams): Promise<Buffer> {
    const cached = this.#derived;
    if (cached && cached.kdf.salt.equals(kdf.salt) && cached.kdf.N === kdf.N && cached.kdf.r === kdf.r && cached.kdf.p === kdf.p) return cached.key;
    const key = await deriveKey(this.#passphrase, kdf);
    this.#derived = { kdf, key };
    return key;
  }

  #parseEntries(plaintext: Buffer): Map<string, string> {
    let doc: unknown;
    try {
      doc = JSON.parse(plaintext.toString('utf8'));
    } catch {
      throw corrupt(this.file, 'its decrypted contents are not JSON');
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || Object.values(doc).some((v) => typeof v !== 'string')) {
      throw corrupt(this.file, 'its decrypted contents are not a map of names to text values');
    }
    return new Map(Object.entries(doc as Record<string, string>));
  }
}

/**
 * The vault of this machine's user: `vault.json` in $CHORUS_HOME (default ~/.chorus),
 * opened with $CHORUS_VAULT_PASSPHRASE when set, else with a random key kept beside it in
 * `vault.key` (created on first use, mode 0o600).
 */
export async function openDefaultVault(env: NodeJS.ProcessEnv = process.env): Promise<FileVault> {
  const home = resolve(env.CHORUS_HOME || join(homedir(), '.chorus'));
  const file = join(home, 'vault.json');
  const passphrase = env.CHORUS_VAULT_PASSPHRASE || (await readOrCreateKeyFile(join(home, 'vault.key'), file));
  return new FileVault({ file, passphrase });
}

async function readOrCreateKeyFile(keyFile: string, vaultFile: string): Promise<string> {
  try {
    const key = (await readFile(keyFile, 'utf8')).trim();
    if (key === '') throw new ChorusError('VAULT_LOCKED', `the vault key file ${keyFile} is empty`, { file: keyFile });
    return key;
  } catch (err) {
    if (err instanceof ChorusError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ChorusError('VAULT_LOCKED', `the vault key file ${keyFile} cannot be read: ${(err as Error).message}`, { file: keyFile }, false, { cause: err });
    }
  }
  if (await exists(vaultFile)) {
    // A new key could never open the existing vault: say so instead of failing later.
    throw new ChorusError(
      'VAULT_LOCKED',
      `the vault ${vaultFile} exists but its key file ${keyFile} is missing; restore the key file, or set CHORUS_VAULT_PASSPHRASE if the vault was made with a passphrase`,
      { file: keyFile },
    );
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  let handle;
  try {
    handle = await open(keyFile, 'wx', 0o600);
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(keyFile, vaultFile);
    throw err;
  }
  try {
    await handle.writeFile(`${key}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(dirname(keyFile));
  return key;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
