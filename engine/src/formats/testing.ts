import { Readable, Writable } from 'node:stream';
import type { FormatDoc } from '../core/model/format.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import { formatSchema } from '../core/model/format.ts';
import { ChorusError } from '../core/errors.ts';
import { createRecordWriter, readRecords } from './index.ts';

/** Helpers shared by the format tests. */

export const format = (doc: FormatDoc) => formatSchema.parse(doc);

/** A byte stream delivering `data` in chunks of `size` bytes (so chunk boundaries fall anywhere). */
export function chunked(data: string | Buffer, size = 64 * 1024): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

export async function readBatches(input: Readable, doc: FormatDoc, signal?: AbortSignal): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for await (const batch of readRecords(input, format(doc), { sourceName: 'in/data', signal })) batches.push(batch);
  return batches;
}

export async function readAll(data: string | Buffer | Readable, doc: FormatDoc, chunkSize?: number): Promise<DataRecord[]> {
  const input = data instanceof Readable ? data : chunked(data, chunkSize);
  return (await readBatches(input, doc)).flat();
}

/** Collects what a writer writes. */
export class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  private readonly delayMs: number | undefined;

  constructor(options: { highWaterMark?: number; delayMs?: number } = {}) {
    super({ highWaterMark: options.highWaterMark });
    this.delayMs = options.delayMs;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.delayMs === undefined) callback();
    else setTimeout(callback, this.delayMs);
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }
}

export async function writeAll(
  doc: FormatDoc,
  batches: RecordBatch[],
  options: { appending?: boolean } = {},
): Promise<Collector> {
  const output = new Collector();
  const writer = createRecordWriter(output, format(doc), { appending: options.appending ?? false, targetName: 'out/data' });
  for (const batch of batches) await writer.write(batch);
  await writer.end();
  return output;
}

/** Awaits a rejection and returns it as a ChorusError (failing when it is something else). */
export async function chorusError(promise: Promise<unknown>): Promise<ChorusError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChorusError) return err;
    throw err;
  }
  throw new Error('expected a ChorusError, but the promise resolved');
}
