import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import { ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { base64Decode, base64Encode, DEFAULT_AES_SALT } from './crypto.ts';
import { builtins } from './index.ts';

function call(name: string, args: ScriptValue[], env: ScriptEnv = testEnv()): ScriptValue {
  const spec = builtins.get(name);
  if (!spec?.impl) throw new Error(`${name} has no implementation`);
  return spec.impl(args, env) as ScriptValue;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptError) return err.code;
    throw err;
  }
  return undefined;
}

/** What a .NET/OpenSSL user would compute: PBKDF2-HMAC-SHA1 key then IV, AES-CBC, PKCS#7. */
function referenceAes(text: string, passphrase: string, salt: string, bits: number, iterations: number): string {
  const derived = pbkdf2Sync(passphrase, salt, iterations, bits / 8 + 16, 'sha1');
  const cipher = createCipheriv(`aes-${bits}-cbc`, derived.subarray(0, bits / 8), derived.subarray(bits / 8));
  return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

describe('hashes', () => {
  it('match the published test vectors', () => {
    expect(call('MD5', ['abc'])).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('MD5', ['message digest'])).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(call('SHA256', ['abc'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(call('SHA256', ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'])).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hash strings as UTF-8 and binaries as their bytes', () => {
    expect(call('SHA256', ['€'])).toBe(createHash('sha256').update('€', 'utf8').digest('hex'));
    const bin = new Uint8Array([0, 255, 1]);
    expect(call('MD5', [bin])).toBe(createHash('md5').update(bin).digest('hex'));
    expect(call('MD5', [true])).toBe(createHash('md5').update('1').digest('hex'));
  });

  it('MD5AsTwoNumbers reads both halves big-endian and signed', () => {
    const digest = createHash('md5').update('hello').digest();
    expect(call('MD5AsTwoNumbers', ['hello'])).toEqual([Number(digest.readBigInt64BE(0)), Number(digest.readBigInt64BE(8))]);
  });
});

describe('Base64', () => {
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n < 8; n++) {
      const slice = all.subarray(0, n * 37);
      expect(base64Encode(slice)).toBe(Buffer.from(slice).toString('base64'));
      expect(base64Decode(base64Encode(slice))).toEqual(slice);
    }
  });

  it('wraps at 64 characters unless the no-wrap setting is true', () => {
    const text = 'x'.repeat(100);
    const encoded = Buffer.from(text).toString('base64');
    expect(call('Base64Encode', [text])).toBe(`${encoded.slice(0, 64)}\n${encoded.slice(64, 128)}\n${encoded.slice(128)}`);
    expect(call('Base64Encode', [text], testEnv({ globals: { 'jitterbit.base64.encoded.string.no.wrap': true } }))).toBe(encoded);
    expect(call('Base64Encode', ['x'.repeat(48)])).not.toContain('\n');
  });

  it('decodes wrapped and unpadded text to a binary, and refuses what is not Base64', () => {
    expect(call('Base64Decode', ['SGVs\r\nbG8='])).toEqual(new TextEncoder().encode('Hello'));
    expect(call('Base64Decode', ['SGVsbG8'])).toEqual(new TextEncoder().encode('Hello'));
    expect(call('Base64Decode', [''])).toEqual(new Uint8Array());
    for (const bad of ['abc$', 'A', 'SGVsbG8===', '-_-_']) expect(codeOf(() => call('Base64Decode', [bad]))).toBe('SCRIPT_FAILED');
  });

  it('Base64EncodeFile reads through the file capability, and needs one', () => {
    const read: [string, string | undefined][] = [];
    const env = testEnv({
      host: {
        files: {
          read: (ref, filter) => (read.push([ref, filter]), new Uint8Array([1, 2, 3])),
          write: () => undefined,
          flush: () => undefined,
          list: () => [],
          delete: () => 0,
          archive: () => undefined,
        },
      },
    });
    expect(call('Base64EncodeFile', ['<TAG>activity:file/In/file_read/Logo</TAG>', 'logo.png'], env)).toBe('AQID');
    expect(read).toEqual([['<TAG>activity:file/In/file_read/Logo</TAG>', 'logo.png']]);
    expect(codeOf(() => call('Base64EncodeFile', ['x']))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });
});

describe('AES', () => {
  it('encrypts as PBKDF2-HMAC-SHA1 + AES-CBC with the documented defaults', () => {
    expect(call('AESEncryption', ['secret', 'pass phrase'])).toBe(referenceAes('secret', 'pass phrase', DEFAULT_AES_SALT, 128, 1000));
    expect(call('AESEncryption', ['a longer text, € included', 'k', 'salt', 256, 10])).toBe(referenceAes('a longer text, € included', 'k', 'salt', 256, 10));
    expect(call('AESEncryption', ['x', 'k', 'salt', 192, 1])).toBe(referenceAes('x', 'k', 'salt', 192, 1));
  });

  it('round-trips, and fails with the wrong passphrase or parameters', () => {
    const encrypted = call('AESEncryption', ['sensitive data', 'right', 'pepper', 256, 2000]);
    expect(call('AESDecryption', [encrypted, 'right', 'pepper', 256, 2000])).toBe('sensitive data');
    expect(codeOf(() => call('AESDecryption', [encrypted, 'wrong', 'pepper', 256, 2000]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('AESDecryption', [encrypted, 'right', 'salt', 256, 2000]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('AESDecryption', ['AAAA', 'right']))).toBe('SCRIPT_FAILED');
  });

  it('accepts wrapped Base64 and refuses invalid key lengths and iteration counts', () => {
    const long = 'y'.repeat(200);
    const encrypted = call('AESEncryption', [long, 'k']);
    expect(encrypted).toContain('\n');
    expect(call('AESDecryption', [encrypted, 'k'])).toBe(long);
    expect(codeOf(() => call('AESEncryption', ['x', 'k', 's', 512]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('AESEncryption', ['x', 'k', 's', 128, 0]))).toBe('SCRIPT_FAILED');
  });
});
