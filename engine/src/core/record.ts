/**
 * A record is one document flowing through an operation: a plain JSON-like object (values
 * are strings, numbers, booleans, null, arrays and nested records). Steps pass records in
 * batches (arrays) so per-record overhead stays small on large inputs.
 */
export type DataRecord = Record<string, unknown>;
export type RecordBatch = DataRecord[];
