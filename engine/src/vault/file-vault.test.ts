import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../project/test-helpers.ts';
import { FileVault, openDefaultVault } from './file-vault.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

const SECRET = 'hunter2-correct-horse-battery';

async function vaultWithSecret() {
  const file = join(await temp.make(), 'vault.json');
  const vault = new FileVault({ file, passphrase: 'open sesame' });
  await vault.set('proj/variable:apiToken', SECRET);
  return { file, vault };
}

/** Flips one bit of a byte inside the named base64 field of the envelope. */
async function flipByteIn(file: string, field: string): Promise<void> {
  const bytes = await readFile(file);
  const start = bytes.indexOf(`"${field}": "`) + field.length + 5;
  bytes[start + 4] ^= 0x01;
  await writeFile(file, bytes);
}

describe('FileVault', () => {
  it('stores, lists and deletes values, and another instance reads them back', async () => {
    const { file, vault } = await vaultWithSecret();
    await vault.set('proj/variable:user', 'ada');
    expect(await vault.get('proj/variable:apiToken')).toBe(SECRET);
    expect(await vault.has('proj/variable:user')).toBe(true);
    expect(await vault.keys()).toEqual(['proj/variable:apiToken', 'proj/variable:user']);

    const again = new FileVault({ file, passphrase: 'open sesame' });
    expect(await again.get('proj/variable:user')).toBe('ada');
    await again.delete('proj/variable:user');
    expect(await vault.has('proj/variable:user')).toBe(false);
    expect(await vault.get('missing')).toBeUndefined();
  });

  it('reads an absent vault as empty and creates no file until a write', async () => {
    const file = join(await temp.make(), 'sub', 'vault.json');
    const vault = new FileVault({ file, passphrase: 'p' });
    expect(await vault.keys()).toEqual([]);
    await vault.delete('nothing');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps every write of concurrent sets', async () => {
    const { vault } = await vaultWithSecret();
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.set(`k${i}`, `v${i}`)));
    expect(await vault.keys()).toHaveLength(11);
  });

  it('never writes a value in clear, and uses a fresh IV for every write', async () => {
    const { file, vault } = await vaultWithSecret();
    const first = await readFile(file);
    expect(first.includes(SECRET)).toBe(false);
    expect(first.includes('apiToken')).toBe(false);
    await vault.set('other', 'x');
    await vault.delete('other');
    const second = JSON.parse(await readFile(file, 'utf8'));
    expect(second.iv).not.toBe(JSON.parse(first.toString()).iv);
    expect(second.data).not.toBe(JSON.parse(first.toString()).data);
  });

  it('writes the file with mode 0o600', async () => {
    const { file, vault } = await vaultWithSecret();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await vault.set('more', 'x');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reports a wrong passphrase as VAULT_LOCKED and never overwrites the vault', async () => {
    const { file } = await vaultWithSecret();
    const before = await readFile(file);
    const wrong = new FileVault({ file, passphrase: 'guess' });
    await expect(wrong.get('proj/variable:apiToken')).rejects.toMatchObject({ code: 'VAULT_LOCKED', location: { file } });
    await expect(wrong.set('k', 'v')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(wrong.delete('proj/variable:apiToken')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(await readFile(file)).toEqual(before);
  });

  it.each(['data', 'tag', 'iv'])('reports a flipped byte in the %s as VAULT_CORRUPT and never overwrites the vault', async (field) => {
    const { file, vault } = await vaultWithSecret();
    await flipByteIn(file, field);
    const before = await readFile(file);
    await expect(vault.get('proj/variable:apiToken')).rejects.toMatchObject({ code: 'VAULT_CORRUPT', location: { file } });
    await expect(vault.set('k', 'v')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(await readFile(file)).toEqual(before);
  });

  it.each([
    ['garbage', 'not json at all'],
    ['another JSON document', '{"hello": "world"}'],
    ['a truncated file', '{"format": "chorus-vault", "version": 1, "kdf": '],
  ])('reports %s as VAULT_CORRUPT', async (_, text) => {
    const file = join(await temp.make(), 'vault.json');
    await writeFile(file, text);
    await expect(new FileVault({ file, passphrase: 'p' }).keys()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses an empty passphrase', () => {
    expect(() => new FileVault({ file: 'v.json', passphrase: '' })).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });
});

describe('openDefaultVault', () => {
  it('creates a random key file beside the vault on first use, and reuses it', async () => {
    const home = join(await temp.make(), 'chorus-home');
    const vault = await openDefaultVault({ CHORUS_HOME: home });
    await vault.set('k', SECRET);
    expect(vault.file).toBe(join(home, 'vault.json'));
    const key = await readFile(join(home, 'vault.key'), 'utf8');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect((await stat(join(home, 'vault.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, 'vault.json'))).mode & 0o777).toBe(0o600);
    expect(await (await openDefaultVault({ CHORUS_HOME: home })).get('k')).toBe(SECRET);
  });

  it('uses CHORUS_VAULT_PASSPHRASE when set, with no key file', async () => {
    const home = await temp.make();
    const vault = await openDefaultVault({ CHORUS_HOME: home, CHORUS_VAULT_PASSPHRASE: 'from env' });
    await vault.set('k', 'v');
    await expect(stat(join(home, 'vault.key'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await new FileVault({ file: join(home, 'vault.json'), passphrase: 'from env' }).get('k')).toBe('v');
  });

  it('refuses to make a new key for an existing vault whose key file is gone', async () => {
    const home = await temp.make();
    await (await openDefaultVault({ CHORUS_HOME: home })).set('k', 'v');
    await rm(join(home, 'vault.key'));
    await expect(openDefaultVault({ CHORUS_HOME: home })).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: expect.stringMatching(/key file .* is missing/) });
  });
});
