import { describe, expect, it } from 'vitest';
import { newKey, open, seal } from './aead.ts';
import { parseMasterKey } from './master-key.ts';

describe('seal and open (AES-256-GCM)', () => {
  const key = newKey();
  const plaintext = Buffer.from('component content');

  it('round-trips, with a fresh nonce each time', () => {
    const a = seal(key, plaintext, 'blob:org:hash');
    const b = seal(key, plaintext, 'blob:org:hash');
    expect(a.equals(b)).toBe(false);
    expect(open(key, a, 'blob:org:hash').equals(plaintext)).toBe(true);
  });

  it('refuses an altered value, another key, or another place (associated data)', () => {
    const sealed = seal(key, plaintext, 'blob:org-a:hash');
    const altered = Buffer.from(sealed);
    altered[20] ^= 1;
    expect(() => open(key, altered, 'blob:org-a:hash')).toThrow();
    expect(() => open(newKey(), sealed, 'blob:org-a:hash')).toThrow();
    expect(() => open(key, sealed, 'blob:org-b:hash')).toThrow();
    expect(() => open(key, sealed.subarray(0, 10), 'blob:org-a:hash')).toThrow(/known format/);
  });
});

describe('parseMasterKey', () => {
  it('accepts 32 bytes of base64 and nothing else', () => {
    const key = newKey();
    expect(parseMasterKey(`${key.toString('base64')}\n`, 'file').equals(key)).toBe(true);
    expect(() => parseMasterKey(key.subarray(0, 16).toString('base64'), 'file')).toThrow(/32 bytes/);
    expect(() => parseMasterKey('not base64 at all!', 'file')).toThrow(/32 bytes/);
  });
});
