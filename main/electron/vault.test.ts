import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { SafeStorageVault, safeStorageProblem, type SafeStorageLike } from './vault.ts';

/** A fake safeStorage: "encrypts" by XOR with a key and a marker, so plain text never reaches the file and a foreign key fails. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const state = { available: options.available ?? true, backend: options.backend ?? 'gnome_libsecret' };
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (text) => Buffer.from(Buffer.from(`fake:${text}`, 'utf8').map((b) => b ^ key)),
    decryptString: (sealed) => {
      const text = Buffer.from(sealed.map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('fake:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(5);
    },
  };
  return { storage, state };
}

let tmp: { dir: string; cleanup: () => Promise<void> };
let file: string;
beforeEach(async () => {
  tmp = await tempDir();
  file = path.join(tmp.dir, 'home', 'desktop-vault.bin');
});
afterEach(() => tmp.cleanup());

describe('SafeStorageVault', () => {
  it('round-trips secrets through safeStorage; the file holds no plain text', async () => {
    const { storage } = fakeSafeStorage();
    const vault = new SafeStorageVault({ safeStorage: storage, file, platform: 'linux' });
    expect(await vault.get('p1/variable:token')).toBeUndefined();
    await vault.set('p1/variable:token', 's3cret-value');
    await vault.set('p1/variable:password', 'hunter2');
    expect(await vault.get('p1/variable:token')).toBe('s3cret-value');
    expect(await vault.has('p1/variable:password')).toBe(true);
    expect(await vault.keys()).toEqual(['p1/variable:password', 'p1/variable:token']);

    const raw = await readFile(file);
    expect(raw.toString('latin1')).not.toContain('s3cret-value');
    expect(raw.toString('latin1')).not.toContain('variable:token');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Another instance (the next launch) reads the same file.
    const again = new SafeStorageVault({ safeStorage: storage, file, platform: 'linux' });
    expect(await again.get('p1/variable:token')).toBe('s3cret-value');
    await again.delete('p1/variable:token');
    expect(await vault.keys()).toEqual(['p1/variable:password']);
  });

  it('keeps concurrent writes', async () => {
    const vault = new SafeStorageVault({ safeStorage: fakeSafeStorage().storage, file, platform: 'darwin' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`k${i}`, `v${i}`)));
    expect(await vault.keys()).toHaveLength(20);
  });

  it('refuses the Linux plain-text fallback (basic_text) with a clear error', async () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(() => new SafeStorageVault({ safeStorage: storage, file, platform: 'linux' })).toThrow(
      expect.objectContaining({ code: 'VAULT_LOCKED', message: expect.stringMatching(/basic_text.*protects nothing/) }),
    );
    expect(safeStorageProblem(storage, 'linux')).toMatch(/GNOME Keyring or KWallet/);
    // The backend question is a Linux one only.
    expect(safeStorageProblem(storage, 'darwin')).toBeUndefined();
  });

  it('refuses when encryption is not available, and stops if the keychain goes away', async () => {
    expect(() => new SafeStorageVault({ safeStorage: fakeSafeStorage({ available: false }).storage, file, platform: 'win32' })).toThrow(
      expect.objectContaining({ code: 'VAULT_LOCKED', message: expect.stringMatching(/keychain is not available/) }),
    );
    const { storage, state } = fakeSafeStorage();
    const vault = new SafeStorageVault({ safeStorage: storage, file, platform: 'linux' });
    await vault.set('k', 'v');
    state.backend = 'basic_text';
    await expect(vault.set('k', 'other')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(vault.get('k')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    state.backend = 'kwallet6';
    expect(await vault.get('k')).toBe('v');
  });

  it('never overwrites a vault it cannot decrypt', async () => {
    await new SafeStorageVault({ safeStorage: fakeSafeStorage({ key: 1 }).storage, file, platform: 'linux' }).set('k', 'v');
    const before = await readFile(file);
    const foreign = new SafeStorageVault({ safeStorage: fakeSafeStorage({ key: 2 }).storage, file, platform: 'linux' });
    await expect(foreign.get('k')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await expect(foreign.set('k', 'x')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(await readFile(file)).toEqual(before);

    await writeFile(file, fakeSafeStorage().storage.encryptString('["not", "a map"]'));
    await expect(new SafeStorageVault({ safeStorage: fakeSafeStorage().storage, file, platform: 'linux' }).keys()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });
});
