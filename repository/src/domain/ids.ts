import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** API tokens: a recognisable prefix (for secret scanners) and 256 random bits. */
export const TOKEN_PREFIX = 'chorus_';
export const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
