/**
 * Cryptographic functions: hashes, Base64 and passphrase-based AES. Pure (no Node crypto), so
 * the editor's evaluator computes the same digests as the engine.
 */
import { cbc } from '@noble/ciphers/aes.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBool, utf8Bytes } from '../convert.ts';
import type { ScriptEnv } from '../env.ts';
import { failed } from '../errors.ts';
import { toHex, type ScriptValue } from '../values.ts';
import { bytes, int, opt, str } from './args.ts';
import { files } from './file.ts';
import type { FunctionSpec, Param } from './types.ts';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LINE = 64;

/** Standard Base64 (RFC 4648, with `=` padding), on one line. */
export function base64Encode(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const n = (data[i] << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    const chars = Math.min(data.length - i, 3) + 1;
    for (let c = 0; c < 4; c++) out += c < chars ? BASE64_ALPHABET[(n >> (18 - 6 * c)) & 63] : '=';
  }
  return out;
}

/**
 * Decodes Base64, ignoring whitespace (wrapped lines); padding may be left out. Returns
 * undefined when the text holds another character or cannot be Base64 (length 4n+1).
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '').replace(/={1,2}$/, '');
  if (clean.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(clean)) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of clean) {
    value = (value << 6) | BASE64_ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Base64 as the Base64Encode functions return it: a line break every 64 characters unless the setting says no. */
function base64ForScript(data: Uint8Array, env: ScriptEnv): string {
  const text = base64Encode(data);
  if (toBool(env.globals.get('jitterbit.base64.encoded.string.no.wrap'))) return text;
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += BASE64_LINE) lines.push(text.slice(i, i + BASE64_LINE));
  return lines.join('\n');
}

/**
 * Salt used when AESEncryption/AESDecryption get none. The reference product's constant is
 * not published; this one is documented in docs/script/functions-notes/crypto.md.
 */
export const DEFAULT_AES_SALT = 'Chorus Script AES salt';
const AES_KEY_BITS = [128, 192, 256];
const AES_IV_BYTES = 16;
/** PBKDF2 cost grows linearly with iterations; this bound keeps one call under a few seconds. */
const MAX_ITERATIONS = 1_000_000;

/**
 * Key and IV from PBKDF2-HMAC-SHA1 (PKCS#5 v2): one output of keyLength/8 + 16 bytes, the
 * key first and the IV after it, as .NET's Rfc2898DeriveBytes gives them on two GetBytes calls.
 */
function aesCipher(args: ScriptValue[]): ReturnType<typeof cbc> {
  const passphrase = str(args, 1);
  const salt = opt(args, 2, str, DEFAULT_AES_SALT);
  const keyBits = opt(args, 3, int, 128);
  const iterations = opt(args, 4, int, 1000);
  if (!AES_KEY_BITS.includes(keyBits)) throw failed(`key length must be 128, 192 or 256 bits, not ${keyBits}`, 3);
  if (iterations < 1 || iterations > MAX_ITERATIONS) throw failed(`iterations must be between 1 and ${MAX_ITERATIONS}, not ${iterations}`, 4);
  const derived = pbkdf2(sha1, utf8Bytes(passphrase), utf8Bytes(salt), { c: iterations, dkLen: keyBits / 8 + AES_IV_BYTES });
  return cbc(derived.subarray(0, keyBits / 8), derived.subarray(keyBits / 8));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function aesDecrypt(args: ScriptValue[]): string {
  const encrypted = base64Decode(str(args, 0));
  if (!encrypted || encrypted.length === 0 || encrypted.length % AES_IV_BYTES !== 0) {
    throw failed('the encrypted text is not the Base64 of AES blocks', 0);
  }
  const cipher = aesCipher(args);
  // A wrong passphrase, salt, key length or iteration count shows as bad padding or bad UTF-8.
  try {
    return strictUtf8.decode(cipher.decrypt(encrypted));
  } catch {
    throw failed('cannot decrypt: wrong passphrase, salt, key length or iterations, or damaged data');
  }
}

const aesParams: Param[] = [
  { name: 'passphrase', type: 'string' },
  { name: 'salt', type: 'string', optional: true, default: `"${DEFAULT_AES_SALT}"` },
  { name: 'keyLength', type: 'int', optional: true, default: '128', description: '128, 192 or 256 bits' },
  { name: 'iterations', type: 'int', optional: true, default: '1000' },
];

const hexDigest = (hash: (data: Uint8Array) => Uint8Array) => (args: ScriptValue[]) => toHex(hash(bytes(args, 0)));

/** A signed 64-bit big-endian integer, rounded to the nearest double. */
function int64(data: Uint8Array): number {
  let n = 0n;
  for (const b of data) n = (n << 8n) | BigInt(b);
  return Number(BigInt.asIntN(64, n));
}

export const cryptoFunctions: FunctionSpec[] = [
  {
    name: 'AESEncryption',
    category: 'crypto',
    summary:
      'Encrypts text with AES-CBC (PKCS#7 padding) under a key and IV derived from the passphrase and salt with PBKDF2-HMAC-SHA1; returns Base64. The same arguments always give the same result.',
    signatures: [{ params: [{ name: 'plainText', type: 'string' }, ...aesParams], returns: 'string' }],
    examples: [
      { code: 'AESDecryption(AESEncryption("secret", "pass phrase"), "pass phrase")', result: { type: 'string', value: 'secret' } },
      { code: 'AESEncryption("secret", "pass phrase", "my salt", 256, 5000)', matches: '^[A-Za-z0-9+/]{22}==$' },
      { code: 'AESEncryption("secret", "pass phrase", "my salt", 100)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args, env) => base64ForScript(aesCipher(args).encrypt(utf8Bytes(str(args, 0))), env),
  },
  {
    name: 'AESDecryption',
    category: 'crypto',
    summary: 'Decrypts what AESEncryption returned, given the same passphrase, salt, key length and iterations; anything else fails.',
    signatures: [{ params: [{ name: 'encryptedText', type: 'string' }, ...aesParams], returns: 'string' }],
    examples: [
      { code: 'AESDecryption(AESEncryption("7 €", "k", "s", 192), "k", "s", 192)', result: { type: 'string', value: '7 €' } },
      { code: 'AESDecryption(AESEncryption("secret", "right"), "wrong")', error: 'SCRIPT_FAILED' },
      { code: 'AESDecryption("not base64!", "k")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => aesDecrypt(args),
  },
  {
    name: 'Base64Encode',
    category: 'crypto',
    summary:
      'Base64 of a value: a binary as its bytes, anything else as the UTF-8 bytes of its string form. A line break follows every 64 characters unless $jitterbit.base64.encoded.string.no.wrap is true.',
    signatures: [{ params: [{ name: 'arg', type: 'type' }], returns: 'string' }],
    examples: [
      { code: 'Base64Encode("Hello")', result: { type: 'string', value: 'SGVsbG8=' } },
      { code: 'Base64Encode(Base64Decode("AP8="))', result: { type: 'string', value: 'AP8=' }, note: 'A binary is encoded as its bytes.' },
      {
        code: 'Base64Encode("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")',
        result: { type: 'string', value: 'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\nYQ==' },
        note: 'A line break after 64 characters; set $jitterbit.base64.encoded.string.no.wrap = true for one line.',
      },
    ],
    impl: (args, env) => base64ForScript(bytes(args, 0), env),
  },
  {
    name: 'Base64Decode',
    category: 'crypto',
    summary: 'Decodes Base64 text to a binary; line breaks and other whitespace are ignored. Text that is not Base64 fails.',
    signatures: [{ params: [{ name: 'encryptedText', type: 'string' }], returns: 'binary' }],
    examples: [
      { code: 'Base64Decode("SGVsbG8=")', result: { type: 'binary', value: '48656c6c6f' } },
      { code: 'String(Base64Decode(Base64Encode("grüße")))', result: { type: 'string', value: 'grüße' } },
      { code: 'Base64Decode("abc$")', error: 'SCRIPT_FAILED' },
    ],
    impl(args) {
      const decoded = base64Decode(str(args, 0));
      if (!decoded) throw failed('not valid Base64 (only A-Z, a-z, 0-9, +, / and = padding)', 0);
      return decoded;
    },
  },
  {
    name: 'Base64EncodeFile',
    category: 'crypto',
    summary:
      'Reads the first file matching a file activity (or the given file name) and returns its bytes in Base64, wrapped like Base64Encode. A missing file fails.',
    signatures: [
      {
        params: [
          { name: 'sourceRef', type: 'string', description: 'a <TAG>activity:...</TAG> reference' },
          { name: 'filename', type: 'string', optional: true, description: "overrides the activity's file filter" },
        ],
        returns: 'string',
      },
    ],
    examples: [
      {
        code: 'Base64EncodeFile("<TAG>activity:file/Inbox/file_read/Read Logo</TAG>")',
        error: 'SCRIPT_NEEDS_CAPABILITY',
        note: 'Needs a host that gives scripts file access (script steps of a run).',
      },
      { code: 'Base64EncodeFile("<TAG>activity:file/Inbox/file_read/Read Logo</TAG>", "logo.png")', error: 'SCRIPT_NEEDS_CAPABILITY' },
    ],
    impl: (args, env) => base64ForScript(files(env).read(str(args, 0), args.length > 1 ? str(args, 1) : undefined), env),
  },
  {
    name: 'MD5',
    category: 'crypto',
    summary: 'MD5 digest as 32 lowercase hex digits, of a binary\'s bytes or of the UTF-8 bytes of any other value\'s string form.',
    signatures: [{ params: [{ name: 'arg', type: 'type' }], returns: 'string' }],
    examples: [
      { code: 'MD5("abc")', result: { type: 'string', value: '900150983cd24fb0d6963f7d28e17f72' } },
      { code: 'MD5("")', result: { type: 'string', value: 'd41d8cd98f00b204e9800998ecf8427e' } },
      { code: 'MD5(12)', result: { type: 'string', value: 'c20ad4d76fe97759aa27a0c99bff6710' } },
    ],
    impl: hexDigest(md5),
  },
  {
    name: 'MD5AsTwoNumbers',
    category: 'crypto',
    summary:
      'MD5 digest as two signed 64-bit integers: the first and last 8 bytes, each read big-endian (the first and last 16 hex digits of MD5()). Numbers are doubles, so each is exact to 53 bits and rounded beyond.',
    signatures: [{ params: [{ name: 'arg', type: 'type' }], returns: 'array' }],
    examples: [
      { code: 'MD5AsTwoNumbers("abc")', result: { type: 'array', value: [-8070080442485551000, -2984127896297046000] } },
      { code: 'Length(MD5AsTwoNumbers(""))', result: { type: 'int', value: 2 } },
    ],
    impl(args) {
      const digest = md5(bytes(args, 0));
      return [int64(digest.subarray(0, 8)), int64(digest.subarray(8))];
    },
  },
  {
    name: 'SHA256',
    category: 'crypto',
    summary: 'SHA-256 digest as 64 lowercase hex digits, of a binary\'s bytes or of the UTF-8 bytes of any other value\'s string form.',
    signatures: [{ params: [{ name: 'arg', type: 'type' }], returns: 'string' }],
    examples: [
      { code: 'SHA256("abc")', result: { type: 'string', value: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' } },
      { code: 'SHA256("")', result: { type: 'string', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } },
    ],
    impl: hexDigest(sha256),
  },
];
