import type { CreateRecordWriter, ReadRecords } from './types.ts';
import { createCsvWriter, readCsv } from './csv.ts';
import { createJsonWriter, readJson } from './json.ts';
import { createXmlWriter, readXml } from './xml.ts';

export type { CreateRecordWriter, ReadOptions, ReadRecords, RecordWriter, WriteOptions } from './types.ts';

/** Streams the records of a CSV, JSON or XML byte stream in batches. */
export const readRecords: ReadRecords = (input, format, options) => {
  switch (format.type) {
    case 'csv':
      return readCsv(input, format, options);
    case 'json':
      return readJson(input, format, options);
    case 'xml':
      return readXml(input, format, options);
  }
};

/** A writer of records to a byte stream in the format; it ends the stream on end(). */
export const createRecordWriter: CreateRecordWriter = (output, format, options) => {
  switch (format.type) {
    case 'csv':
      return createCsvWriter(output, format, options);
    case 'json':
      return createJsonWriter(output, format, options);
    case 'xml':
      return createXmlWriter(output, format, options);
  }
};
