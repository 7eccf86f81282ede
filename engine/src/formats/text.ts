import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { addAbortSignal } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { ChorusError, toChorusError } from '../core/errors.ts';
import { throwIfAborted } from '../cancel.ts';

/**
 * Bytes <-> text in the format's encoding, shared by the CSV, JSON and XML readers and
 * writers. UTF-8 goes through Node's native decoder (the common, fast case); every other
 * encoding through iconv-lite. Invalid bytes decode to U+FFFD rather than failing, as
 * other integration tools do.
 */

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

export function isUtf8(encoding: string): boolean {
  const name = encoding.toLowerCase();
  return name === 'utf-8' || name === 'utf8';
}

function checkEncoding(encoding: string, file: string): void {
  if (!isUtf8(encoding) && !iconv.encodingExists(encoding)) {
    throw new ChorusError(
      'DATA_ENCODING_UNKNOWN',
      `unknown encoding "${encoding}"; use e.g. utf-8, latin1, windows-1252 or utf-16le`,
      { file },
    );
  }
}

function createDecoder(encoding: string, file: string): Decoder {
  checkEncoding(encoding, file);
  if (isUtf8(encoding)) {
    const decoder = new StringDecoder('utf8');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() };
  }
  const decoder = iconv.getDecoder(encoding);
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

/**
 * Decodes a byte stream into text chunks (never empty), the byte order mark removed.
 * Chunks that already are strings (a stream with setEncoding, Readable.from(strings)) pass
 * through. Aborting the signal destroys the input, so a stalled source stops at once.
 */
export async function* readText(
  input: Readable,
  encoding: string,
  options: { sourceName: string; signal?: AbortSignal },
): AsyncGenerator<string> {
  const { signal, sourceName } = options;
  const decoder = createDecoder(encoding, sourceName);
  throwIfAborted(signal);
  if (signal) addAbortSignal(signal, input);
  let atStart = true;
  const emit = (text: string): string => {
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const text = emit(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (text) yield text;
    }
  } catch (err) {
    throwIfAborted(signal);
    throw toChorusError(err, 'SOURCE_UNREADABLE', { file: sourceName });
  }
  const rest = emit(decoder.end());
  if (rest) yield rest;
}

/**
 * Writes text to a byte stream in an encoding, waiting for 'drain' when the stream's
 * buffer is full. Stream errors surface on the next write or on end, as TARGET_WRITE_FAILED.
 */
export class TextSink {
  private readonly encoder: iconv.EncoderStream | undefined;
  private failure: unknown;

  constructor(
    private readonly output: Writable,
    encoding: string,
    private readonly targetName: string,
  ) {
    checkEncoding(encoding, targetName);
    this.encoder = isUtf8(encoding) ? undefined : iconv.getEncoder(encoding);
    // Without a listener an 'error' event would crash the process.
    output.on('error', (err) => {
      this.failure ??= err;
    });
  }

  async write(text: string): Promise<void> {
    this.checkHealthy();
    if (text.length === 0) return;
    if (!this.output.write(this.encoder ? this.encoder.write(text) : text)) await this.drained();
  }

  /** Writes the closing text, ends the stream and resolves once it has finished. */
  async end(text = ''): Promise<void> {
    this.checkHealthy();
    if (this.encoder) {
      const tail = this.encoder.end();
      const bytes = tail ? Buffer.concat([this.encoder.write(text), tail]) : this.encoder.write(text);
      this.output.end(bytes);
    } else {
      this.output.end(text);
    }
    try {
      await finished(this.output, { readable: false });
    } catch (err) {
      throw this.writeFailed(err);
    }
  }

  private checkHealthy(): void {
    if (this.failure !== undefined) throw this.writeFailed(this.failure);
    if (this.output.destroyed) throw this.writeFailed(new Error('the output stream was closed'));
  }

  private drained(): Promise<void> {
    const output = this.output;
    return new Promise((resolve, reject) => {
      const settle = (err?: unknown): void => {
        output.off('drain', onDrain);
        output.off('error', onError);
        output.off('close', onClose);
        if (err === undefined) resolve();
        else reject(this.writeFailed(err));
      };
      const onDrain = (): void => settle();
      const onError = (err: unknown): void => settle(err);
      const onClose = (): void => settle(new Error('the output stream closed before the data was written'));
      output.on('drain', onDrain);
      output.on('error', onError);
      output.on('close', onClose);
    });
  }

  private writeFailed(err: unknown): ChorusError {
    return toChorusError(err, 'TARGET_WRITE_FAILED', { file: this.targetName });
  }
}

/**
 * The text a scalar value is written as in CSV fields and XML text or attributes (dates as
 * ISO 8601), or, for a value that has none, what it is ("a list"), for the error message.
 */
export function scalarText(value: unknown): { text: string } | { what: string } {
  switch (typeof value) {
    case 'string':
      return { text: value };
    case 'number':
    case 'boolean':
    case 'bigint':
      return { text: String(value) };
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return { text: value.toISOString() };
  return { what: Array.isArray(value) ? 'a list' : value instanceof Date ? 'an invalid date' : typeof value === 'object' ? 'a nested record' : `a ${typeof value}` };
}
