import { readFile, writeFile } from 'node:fs/promises';
import { KEY_BYTES, newKey } from './aead.ts';

export const MASTER_KEY_ENV = 'CHORUS_REPO_MASTER_KEY';

/** Parses a master key: 32 bytes, base64 (surrounding whitespace ignored). */
export function parseMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) {
    throw new Error(`${source}: the master key must be ${KEY_BYTES} bytes in base64`);
  }
  return key;
}

/** The master key from a file, else from CHORUS_REPO_MASTER_KEY; undefined when neither is given. */
export async function readMasterKey(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Buffer | undefined> {
  if (file !== undefined) return parseMasterKey(await readFile(file, 'utf8'), file);
  const value = env[MASTER_KEY_ENV];
  return value === undefined ? undefined : parseMasterKey(value, MASTER_KEY_ENV);
}

/** Writes a new random master key to a file only its owner can read; fails if the file exists. */
export async function createMasterKeyFile(file: string): Promise<Buffer> {
  const key = newKey();
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
