import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { ChorusError } from '../core/errors.ts';
import type { RecordBatch } from '../core/record.ts';
import type { FormatDoc } from '../core/model/format.ts';
import { createRecordWriter, readRecords } from './index.ts';
import { chorusError, chunked, Collector, format, readAll, readBatches, writeAll } from './testing.ts';

const csv = { type: 'csv' } as const;

/** Parses `text` with every chunk size from 1 to its length and checks all agree. */
async function readEverySplit(text: string, doc: Parameters<typeof readAll>[1]) {
  const whole = await readAll(text, doc);
  const bytes = Buffer.from(text).length;
  for (let size = 1; size < bytes; size++) {
    expect(await readAll(text, doc, size), `chunks of ${size} bytes`).toEqual(whole);
  }
  return whole;
}

describe('CSV reader', () => {
  it('names columns from the header and keeps every value a string', async () => {
    const records = await readAll('id,name,amount,active\n1,Ann,12.50,true\n2,,0,\n', csv);
    expect(records).toEqual([
      { id: '1', name: 'Ann', amount: '12.50', active: 'true' },
      { id: '2', name: '', amount: '0', active: '' },
    ]);
  });

  it('reads classic Mac files whose lines end with a lone CR, in any chunking', async () => {
    const records = await readEverySplit('id,note\r1,"two\rlines"\r2,x\r', csv);
    expect(records).toEqual([
      { id: '1', note: 'two\nlines' },
      { id: '2', note: 'x' },
    ]);
    await expect(readAll('id,note\r1,a\r2,b,c\r', csv)).rejects.toMatchObject({ code: 'DATA_CSV_MALFORMED', location: { line: 3 } });
  });

  it('keeps a CR inside a quoted field of an LF or CRLF file', async () => {
    expect(await readEverySplit('id,note\r\n1,"a\rb"\r\n', csv)).toEqual([{ id: '1', note: 'a\rb' }]);
  });

  it('names columns from the format, or col1..colN, without a header', async () => {
    expect(await readAll('x,y\n1,2\n', { type: 'csv', header: false })).toEqual([
      { col1: 'x', col2: 'y' },
      { col1: '1', col2: '2' },
    ]);
    expect(await readAll('x,y\n', { type: 'csv', header: false, columns: ['a', 'b'] })).toEqual([{ a: 'x', b: 'y' }]);
  });

  it('keeps every column of a header with empty or repeated names', async () => {
    expect(await readAll('a,a,,b\n1,2,3,4\n', csv)).toEqual([{ a: '1', a_2: '2', col3: '3', b: '4' }]);
  });

  it('reads a "__proto__" column as a plain field', async () => {
    const [record] = await readAll('__proto__,b\n1,2\n', csv);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'b']);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('1');
  });

  it('parses quoted delimiters, doubled quotes, CRLF, line breaks in fields and a BOM across any chunk boundary', async () => {
    const text = '\uFEFFid;name;note\r\n1;"Smith; John";"said ""hi""\r\nthen left"\r\n2;Zoë;\r\n\r\n3;"";"x"\r\n';
    const records = await readEverySplit(text, { type: 'csv', delimiter: ';' });
    expect(records).toEqual([
      { id: '1', name: 'Smith; John', note: 'said "hi"\r\nthen left' },
      { id: '2', name: 'Zoë', note: '' },
      { id: '3', name: '', note: 'x' },
    ]);
  });

  it('reads tab and multi-character delimiters', async () => {
    expect(await readAll('a\tb\n1\t\n', { type: 'csv', delimiter: '\t' })).toEqual([{ a: '1', b: '' }]);
    const records = await readEverySplit('a||b||c\n"x||y"||z||\n', { type: 'csv', delimiter: '||' });
    expect(records).toEqual([{ a: 'x||y', b: 'z', c: '' }]);
  });

  it('reads a backslash escape inside quoted fields', async () => {
    const text = 'a,b,c\n"say \\"hi\\"","C:\\temp","end\\\\"\n';
    const records = await readEverySplit(text, { type: 'csv', escape: '\\' });
    expect(records).toEqual([{ a: 'say "hi"', b: 'C:\\temp', c: 'end\\' }]);
  });

  it('reads the last line without a line break and ignores blank lines', async () => {
    expect(await readAll('a,b\n\n1,2\n\n\n3,4', csv)).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    expect(await readAll('a,b\n', csv)).toEqual([]);
    expect(await readBatches(chunked(''), csv)).toEqual([]);
  });

  it('reads a record far longer than a chunk', async () => {
    const long = 'x'.repeat(3_000_000) + '\n' + '""'.repeat(1000);
    const text = `a,b\n1,"${long.replaceAll('"', '""')}"\n2,y\n`;
    expect(await readAll(text, csv, 4096)).toEqual([
      { a: '1', b: long },
      { a: '2', b: 'y' },
    ]);
  });

  it('reports a row with the wrong field count with its physical line and record index', async () => {
    const text = 'id,name,note\n1,Ann,"two\nlines"\n\n2,Bob\n3,Cy,x\n';
    for (const size of [1, 2, 5, 7, 64]) {
      const err = await chorusError(readAll(text, csv, size));
      expect(err.code).toBe('DATA_CSV_MALFORMED');
      expect(err.message).toBe('row has 2 fields, the header has 3');
      expect(err.location).toEqual({ file: 'in/data', line: 5, record: 1 });
    }
    const extra = await chorusError(readAll('a,b,c,d\n1,2,3\n', csv));
    expect(extra.message).toBe('row has 3 fields, the header has 4');
    expect(extra.location).toMatchObject({ line: 2, record: 0 });
    const long = await chorusError(readAll('x,y\n1,2,3\n', { type: 'csv', header: false, columns: ['a', 'b'] }));
    expect(long.message).toBe('row has 3 fields, the format names 2');
    expect(long.location).toMatchObject({ line: 2, record: 1 });
  });

  it('reports an unterminated quoted field at the line where it starts', async () => {
    const text = 'id,name\n1,Ann\n\n2,"Bob\nmore text\n';
    for (const size of [1, 3, 64]) {
      const err = await chorusError(readAll(text, csv, size));
      expect(err.code).toBe('DATA_CSV_MALFORMED');
      expect(err.location).toEqual({ file: 'in/data', line: 4, record: 1 });
    }
  });

  it('rejects text after a closing quote', async () => {
    const err = await chorusError(readAll('a,b\n"x"y,2\n', csv));
    expect(err.code).toBe('DATA_CSV_MALFORMED');
    expect(err.message).toBe('a closing quote must be followed by "," or the end of the line');
    expect(err.location).toMatchObject({ line: 2, record: 0 });
  });

  it('streams a large input in bounded batches that arrive before the input ends', async () => {
    const total = 200_000;
    let produced = 0;
    async function* generate() {
      yield 'id,name,amount\n';
      for (let i = 0; i < total; i += 1000) {
        let text = '';
        for (let j = i; j < i + 1000; j++) text += `${j},"name, ${j}",${j * 1.5}\n`;
        produced += 1000;
        yield Buffer.from(text);
      }
    }
    let producedAtFirstBatch = -1;
    const sizes: number[] = [];
    let last: RecordBatch = [];
    for await (const batch of readRecords(Readable.from(generate()), format(csv), { sourceName: 'big.csv' })) {
      if (producedAtFirstBatch === -1) producedAtFirstBatch = produced;
      sizes.push(batch.length);
      last = batch;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(producedAtFirstBatch).toBeLessThan(total / 4);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5000);
    expect(last.at(-1)).toEqual({ id: String(total - 1), name: `name, ${total - 1}`, amount: String((total - 1) * 1.5) });
  });

  it('stops when the signal aborts, with RUN_CANCELLED or the ChorusError given as reason', async () => {
    const text = 'a\n' + '1\n'.repeat(50_000);
    const controller = new AbortController();
    const run = (async () => {
      for await (const _batch of readRecords(chunked(text, 1000), format(csv), { sourceName: 'x', signal: controller.signal })) {
        controller.abort();
      }
    })();
    expect((await chorusError(run)).code).toBe('RUN_CANCELLED');

    const timeout = new ChorusError('RUN_TIMEOUT', 'the run took longer than 5s');
    const aborted = readBatches(chunked(text), csv, AbortSignal.abort(timeout));
    expect(await chorusError(aborted)).toBe(timeout);
  });

  it('stops promptly when aborted while the input stalls', async () => {
    const stalled = new Readable({ read() {} });
    stalled.push('a,b\n1,2\n');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const err = await chorusError(readBatches(stalled, csv, controller.signal));
    expect(err.code).toBe('RUN_CANCELLED');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stalled.destroyed).toBe(true);
  });

  it('reports a failing input as SOURCE_UNREADABLE', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: i/o error, read'));
      },
    });
    const err = await chorusError(readBatches(failing, csv));
    expect(err.code).toBe('SOURCE_UNREADABLE');
    expect(err.location.file).toBe('in/data');
  });

  it('decodes the configured encoding and rejects an unknown one', async () => {
    const bytes = iconv.encode('name,price\nZoë,€5\n', 'windows-1252');
    expect(await readAll(bytes, { type: 'csv', encoding: 'windows-1252' }, 3)).toEqual([{ name: 'Zoë', price: '€5' }]);
    const err = await chorusError(readAll('a\n1\n', { type: 'csv', encoding: 'klingon-8' }));
    expect(err.code).toBe('DATA_ENCODING_UNKNOWN');
    expect(err.location.file).toBe('in/data');
  });
});

describe('CSV writer', () => {
  it('writes a header from the first record, quotes what needs it and converts scalars', async () => {
    const out = await writeAll(csv, [
      [
        { id: 1, name: 'Smith, John', note: 'said "hi"', ok: true },
        { id: 2, name: 'two\nlines', note: null, ok: false },
      ],
      [{ id: 3, name: 'cr\rhere', note: new Date('2024-05-01T10:00:00Z'), ok: undefined }],
      [{ id: 4 }],
    ]);
    expect(out.text()).toBe(
      'id,name,note,ok\n' +
        '1,"Smith, John","said ""hi""",true\n' +
        '2,"two\nlines",,false\n' +
        '3,"cr\rhere",2024-05-01T10:00:00.000Z,\n' +
        '4,,,\n',
    );
  });

  it('uses the format columns, line ending, delimiter and escape', async () => {
    const doc: FormatDoc = { type: 'csv', columns: ['b', 'a'], delimiter: ';', lineEnding: '\r\n', escape: '\\' };
    const out = await writeAll(doc, [[{ a: 'x;y', b: 'say "hi" \\o/' }]]);
    expect(out.text()).toBe('b;a\r\n"say \\"hi\\" \\\\o/";"x;y"\r\n');
    expect(await readAll(out.bytes(), doc)).toEqual([{ b: 'say "hi" \\o/', a: 'x;y' }]);
  });

  it('writes no header when appending, and only the header for no records', async () => {
    expect((await writeAll(csv, [[{ a: 1 }]], { appending: true })).text()).toBe('1\n');
    expect((await writeAll({ type: 'csv', columns: ['a', 'b'] }, [])).text()).toBe('a,b\n');
    expect((await writeAll(csv, [[]])).text()).toBe('');
  });

  it('rejects lists, nested records and fields that are not columns', async () => {
    const records = [{ id: 1, items: 'a' }, { id: 2, items: 'b' }, { id: 3, items: 'c' }, { id: 4, items: [1] }];
    const list = await chorusError(writeAll(csv, [records]));
    expect(list.code).toBe('DATA_NOT_SERIALIZABLE');
    expect(list.message).toBe('field "items" of record 3 is a list; CSV holds only text values: flatten it in a transformation');
    expect(list.location).toEqual({ file: 'out/data', record: 3 });

    const nested = await chorusError(writeAll(csv, [[{ customer: { name: 'Ann' } }]]));
    expect(nested.message).toContain('field "customer" of record 0 is a nested record');

    const extra = await chorusError(writeAll(csv, [[{ a: 1 }], [{ a: 2, b: 3 }]]));
    expect(extra.code).toBe('DATA_NOT_SERIALIZABLE');
    expect(extra.message).toContain('record 1 has field "b", which is not a column (a)');
    expect(extra.location.record).toBe(1);
  });

  it('does not read inherited properties for a column named like one', async () => {
    expect((await writeAll({ type: 'csv', columns: ['toString', 'a'] }, [[{ a: 1 }]])).text()).toBe('toString,a\n,1\n');
  });

  it('quotes a lone empty field so that it does not become a blank line', async () => {
    const out = await writeAll(csv, [[{ a: '' }, { a: 'x' }]]);
    expect(out.text()).toBe('a\n""\nx\n');
    expect(await readAll(out.bytes(), csv)).toEqual([{ a: '' }, { a: 'x' }]);
  });

  it('round-trips awkward values', async () => {
    const records = [
      { id: '1', text: ' leading and trailing ', quote: '"', both: '",\r\n' },
      { id: '2', text: '', quote: '""', both: 'plain' },
    ];
    const out = await writeAll(csv, [records]);
    expect(await readAll(out.bytes(), csv, 5)).toEqual(records);
  });

  it('round-trips latin1 and windows-1252', async () => {
    const records = [{ name: 'Ñandú Zoë', price: '12 €', note: '“quoted”' }];
    const out = await writeAll({ type: 'csv', encoding: 'windows-1252' }, [records]);
    const bytes = out.bytes();
    expect(bytes.includes(0x80)).toBe(true); // € in windows-1252
    expect(bytes.includes(0xeb)).toBe(true); // ë
    expect(await readAll(bytes, { type: 'csv', encoding: 'windows-1252' }, 4)).toEqual(records);

    const latin = [{ name: 'Ñandú Zoë ÿ' }];
    const latinBytes = (await writeAll({ type: 'csv', encoding: 'latin1' }, [latin])).bytes();
    expect(latinBytes).toEqual(Buffer.from('name\nÑandú Zoë ÿ\n', 'latin1'));
    expect(await readAll(latinBytes, { type: 'csv', encoding: 'latin1' })).toEqual(latin);
  });

  it('waits for drain under backpressure and resolves end() after finish', async () => {
    const output = new Collector({ highWaterMark: 256, delayMs: 1 });
    let drains = 0;
    let finished = false;
    output.on('drain', () => drains++);
    output.on('finish', () => (finished = true));
    const writer = createRecordWriter(output, format(csv), { appending: false, targetName: 'out.csv' });
    for (let b = 0; b < 20; b++) {
      await writer.write(Array.from({ length: 50 }, (_, i) => ({ n: b * 50 + i, text: 'some text to fill the buffer' })));
      expect(output.writableNeedDrain).toBe(false);
    }
    await writer.end();
    expect(finished).toBe(true);
    expect(drains).toBeGreaterThan(0);
    expect(output.text().split('\n')).toHaveLength(1002);
  });

  it('rejects with TARGET_WRITE_FAILED when the stream fails', async () => {
    const { Writable } = await import('node:stream');
    const failing = new Writable({ write: (_chunk, _enc, callback) => callback(new Error('disk full')) });
    const writer = createRecordWriter(failing, format(csv), { appending: false, targetName: 'out.csv' });
    const err = await chorusError(
      (async () => {
        await writer.write([{ a: 1 }]);
        await writer.write([{ a: 2 }]);
        await writer.end();
      })(),
    );
    expect(err.code).toBe('TARGET_WRITE_FAILED');
    expect(err.message).toBe('disk full');
    expect(err.location.file).toBe('out.csv');
  });

  it('rejects an unknown encoding when created', () => {
    expect(() => createRecordWriter(new Collector(), format({ type: 'csv', encoding: 'nope' }), { appending: false, targetName: 'o' })).toThrow(
      expect.objectContaining({ code: 'DATA_ENCODING_UNKNOWN' }),
    );
  });
});
