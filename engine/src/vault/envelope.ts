import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ChorusError } from '../core/errors.ts';

/**
 * The vault file: a JSON envelope around AES-256-GCM ciphertext. The key comes from scrypt
 * over the passphrase and a random salt kept in the envelope; each write uses a fresh IV.
 * `check` (an HMAC of a constant under the key) tells a wrong passphrase (VAULT_LOCKED)
 * from a damaged file (VAULT_CORRUPT), which GCM alone cannot.
 */
export interface KdfParams {
  salt: Buffer;
  N: number;
  r: number;
  p: number;
}

const FORMAT = 'chorus-vault';
/** Cost of the key derivation: 32 MiB and about 0.1 s per derivation, once per vault instance. */
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };
/** scrypt needs 128 * N * r bytes; refuse envelopes asking for more (a damaged or hostile file). */
const MAX_KDF_MEMORY = 256 * 1024 * 1024;

const base64 = (bytes?: number) =>
  z.string().refine((s) => {
    const decoded = Buffer.from(s, 'base64');
    return decoded.toString('base64') === s && (bytes === undefined || decoded.length === bytes);
  }, 'not valid base64 of the expected length');

const envelopeSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    salt: base64(16),
    N: z.number().int().min(2 ** 14).refine((n) => (n & (n - 1)) === 0, 'must be a power of 2'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }).refine((k) => 128 * k.N * k.r <= MAX_KDF_MEMORY, 'asks for too much memory'),
  check: base64(16),
  iv: base64(12),
  tag: base64(16),
  data: base64(),
});
export type Envelope = z.output<typeof envelopeSchema>;

export function newKdfParams(): KdfParams {
  return { salt: randomBytes(16), ...DEFAULT_COST };
}

export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), kdf.salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_KDF_MEMORY + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export function parseEnvelope(text: string, file: string): { envelope: Envelope; kdf: KdfParams } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt(file, 'it is not valid JSON');
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) throw corrupt(file, `${result.error.issues[0].path.join('.') || 'the file'}: ${result.error.issues[0].message}`);
  const { kdf } = result.data;
  return { envelope: result.data, kdf: { salt: Buffer.from(kdf.salt, 'base64'), N: kdf.N, r: kdf.r, p: kdf.p } };
}

export function seal(plaintext: Buffer, key: Buffer, kdf: KdfParams): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope: Envelope = {
    format: FORMAT,
    version: 1,
    kdf: { name: 'scrypt', salt: kdf.salt.toString('base64'), N: kdf.N, r: kdf.r, p: kdf.p },
    check: keyCheck(key).toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export function unseal(envelope: Envelope, key: Buffer, file: string): Buffer {
  if (!timingSafeEqual(keyCheck(key), Buffer.from(envelope.check, 'base64'))) {
    throw new ChorusError('VAULT_LOCKED', `the vault ${file} cannot be opened with this passphrase or key`, { file });
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: 16 });
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
  } catch {
    throw corrupt(file, 'its contents fail the integrity check (damaged or tampered with)');
  }
}

export function corrupt(file: string, why: string): ChorusError {
  return new ChorusError('VAULT_CORRUPT', `the vault ${file} is damaged: ${why}. It was left as it is; restore it from a backup or move it away to start a new one.`, { file });
}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('chorus-vault key check').digest().subarray(0, 16);
}
