import type { Readable, Writable } from 'node:stream';
import type { Format } from '../core/model/format.ts';
import type { RecordBatch } from '../core/record.ts';

/**
 * Reads records from a byte stream. Yields batches (never empty) in order; memory stays
 * bounded by the batch size whatever the input size. Malformed data throws a ChorusError
 * (DATA_CSV_MALFORMED, DATA_JSON_MALFORMED, DATA_XML_MALFORMED, DATA_ENCODING_UNKNOWN) whose
 * location names the source (`file`), the 1-based `line` where known, and the 0-based
 * `record` index.
 */
export type ReadRecords = (input: Readable, format: Format, options: ReadOptions) => AsyncIterable<RecordBatch>;

export interface ReadOptions {
  /** Name of the source, used in error locations (e.g. `in/orders.csv`). */
  sourceName: string;
  signal?: AbortSignal;
  /** Told of what reads but looks wrong (e.g. an XML file without any record element). */
  onWarning?(warning: { code: string; text: string; file: string }): void;
}

/** Writes records to a byte stream, honouring backpressure. */
export interface RecordWriter {
  write(batch: RecordBatch): Promise<void>;
  /** Writes any closing bytes (e.g. `]` or `</root>`) and ends the stream. */
  end(): Promise<void>;
}

export interface WriteOptions {
  /** The target already holds data of this format and we add to it (no CSV header again). */
  appending: boolean;
  targetName: string;
}

export type CreateRecordWriter = (output: Writable, format: Format, options: WriteOptions) => RecordWriter;
