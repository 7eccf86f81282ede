import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The first byte of every sealed value, so the format can change later. */
const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
export const KEY_BYTES = 32;

/**
 * AES-256-GCM: `format | nonce | ciphertext | tag`. The associated data binds a value to
 * where it belongs (organisation, hash), so a row copied elsewhere in the database fails to open.
 */
export function seal(key: Buffer, plaintext: Buffer, associated: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), nonce, body, cipher.getAuthTag()]);
}

/** Opens a sealed value; throws when it was altered, moved, or sealed under another key. */
export function open(key: Buffer, sealed: Buffer, associated: string): Buffer {
  if (sealed.length < 1 + NONCE + TAG || sealed[0] !== FORMAT) throw new Error('not a sealed value of a known format');
  const nonce = sealed.subarray(1, 1 + NONCE);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE, sealed.length - TAG)), decipher.final()]);
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
