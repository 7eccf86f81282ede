import type { Readable } from 'node:stream';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import type { ReadOptions } from './types.ts';
import { readText, throwIfAborted } from './text.ts';

/** Records per batch: large enough to amortise per-batch work downstream, small enough to stay cheap in memory. */
export const BATCH_SIZE = 2000;

/** Collects parsed records into batches of BATCH_SIZE. */
export class Batcher {
  /** Records pushed so far: the index of the next record. */
  count = 0;
  private current: DataRecord[] = [];
  private full: RecordBatch[] = [];

  push(record: DataRecord): void {
    this.count++;
    this.current.push(record);
    if (this.current.length === BATCH_SIZE) {
      this.full.push(this.current);
      this.current = [];
    }
  }

  /** The complete batches so far; at the end, also the last partial one. */
  take(atEnd: boolean): RecordBatch[] {
    const batches = this.full;
    this.full = [];
    if (atEnd && this.current.length > 0) {
      batches.push(this.current);
      this.current = [];
    }
    return batches;
  }
}

/** A push parser from text to records. */
export interface TextParser {
  readonly records: Batcher;
  write(text: string): void;
  /** The input is complete: flush what is pending and check nothing is left open. */
  end(): void;
}

/** Drives a text parser over a byte stream, yielding batches as soon as they fill. */
export async function* parseStream(
  input: Readable,
  encoding: string,
  options: ReadOptions,
  parser: TextParser,
): AsyncGenerator<RecordBatch> {
  const { signal } = options;
  for await (const text of readText(input, encoding, options)) {
    parser.write(text);
    for (const batch of parser.records.take(false)) {
      throwIfAborted(signal);
      yield batch;
    }
  }
  parser.end();
  for (const batch of parser.records.take(true)) {
    throwIfAborted(signal);
    yield batch;
  }
}
