import { z } from 'zod';

/** How a document is laid out in a file or variable. */
export const csvFormatSchema = z.strictObject({
  type: z.literal('csv'),
  /** The first line names the columns. Without a header, `columns` names them (else col1, col2, ...). */
  header: z.boolean().default(true),
  columns: z.array(z.string().min(1)).optional(),
  delimiter: z.string().min(1).max(4).default(','),
  quote: z.string().length(1).default('"'),
  /** Character escaping a quote inside a quoted field; the CSV standard doubles the quote. */
  escape: z.string().length(1).default('"'),
  encoding: z.string().default('utf-8'),
  /** Line ending written; reading accepts both. */
  lineEnding: z.enum(['\n', '\r\n']).default('\n'),
});

export const jsonFormatSchema = z.strictObject({
  type: z.literal('json'),
  /**
   * document: the whole file is one record. array: each element of the array at `records` is
   * a record, streamed. lines: one JSON value per line (JSON Lines).
   */
  mode: z.enum(['document', 'array', 'lines']).default('document'),
  /** Dotted path of the array holding the records in array mode; empty for a top-level array. */
  records: z.string().default(''),
  /** Indentation of written JSON; 0 writes compact JSON. */
  indent: z.number().int().min(0).max(8).default(2),
  encoding: z.string().default('utf-8'),
});

export const xmlFormatSchema = z.strictObject({
  type: z.literal('xml'),
  /** Name of the repeated element; each occurrence is one record, streamed. */
  record: z.string().min(1),
  /** Root element written around the records. */
  root: z.string().min(1).default('root'),
  indent: z.number().int().min(0).max(8).default(2),
  encoding: z.string().default('utf-8'),
});

export const formatSchema = z.discriminatedUnion('type', [csvFormatSchema, jsonFormatSchema, xmlFormatSchema]);
export type Format = z.output<typeof formatSchema>;
export type FormatDoc = z.input<typeof formatSchema>;
export type CsvFormat = z.output<typeof csvFormatSchema>;
export type CsvFormatDoc = z.input<typeof csvFormatSchema>;
export type JsonFormat = z.output<typeof jsonFormatSchema>;
export type JsonFormatDoc = z.input<typeof jsonFormatSchema>;
export type XmlFormat = z.output<typeof xmlFormatSchema>;
export type XmlFormatDoc = z.input<typeof xmlFormatSchema>;
