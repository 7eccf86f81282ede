import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { ChorusError } from '../core/errors.ts';
import { createRecordWriter, readRecords } from './index.ts';
import { JsonLinesParser, MAX_LINE_CHARS } from './json.ts';
import { chorusError, Collector, format, readAll, writeAll } from './testing.ts';

const documentMode = { type: 'json', mode: 'document' } as const;
const arrayMode = { type: 'json', mode: 'array' } as const;
const linesMode = { type: 'json', mode: 'lines' } as const;

describe('JSON reader, document mode', () => {
  it('reads the whole file as one record', async () => {
    const text = '\uFEFF{"id": 1, "customer": {"name": "Zoë"}, "lines": [{"sku": "A"}, {"sku": "B"}]}\n';
    expect(await readAll(text, documentMode, 3)).toEqual([
      { id: 1, customer: { name: 'Zoë' }, lines: [{ sku: 'A' }, { sku: 'B' }] },
    ]);
  });

  it('rejects a document that is not an object, and reads an empty file as no record', async () => {
    const err = await chorusError(readAll('[{"a": 1}]', documentMode));
    expect(err.code).toBe('DATA_JSON_MALFORMED');
    expect(err.message).toBe('the document is a list: use mode "array"');
    expect((await chorusError(readAll('42', documentMode))).message).toBe('the document is a number; a record must be an object');
    expect(await readAll(' \n', documentMode)).toEqual([]);
  });

  it('reports syntax errors with line and column', async () => {
    const err = await chorusError(readAll('{\n  "a": 1,\n  "b": }\n', documentMode, 4));
    expect(err.code).toBe('DATA_JSON_MALFORMED');
    expect(err.message).toBe('invalid JSON: unexpected "}"');
    expect(err.location).toEqual({ file: 'in/data', line: 3, column: 8, record: 0 });

    const character = await chorusError(readAll('{"name":\n "Zoë", "x": tru }', documentMode));
    expect(character.message).toBe('invalid JSON: unexpected character " "');
    expect(character.location).toMatchObject({ line: 2, column: 17 });

    const truncated = await chorusError(readAll('{"a": [1,\n2,\n', documentMode));
    expect(truncated.message).toBe('invalid JSON: the text ends before every string, list and object is closed');
    expect(truncated.location).toMatchObject({ line: 3 });

    const twoValues = await chorusError(readAll('{"a": 1}\n{"a": 2}', documentMode));
    expect(twoValues.location).toMatchObject({ line: 2, column: 1 });
  });
});

describe('JSON reader, array mode', () => {
  it('streams the elements of a top-level array, wrapping values that are not objects', async () => {
    const text = '[{"id": 1}, {"id": 2, "tags": ["x"]}, 3, "four", null, [5]]';
    for (const size of [1, 7, 1000]) {
      expect(await readAll(text, arrayMode, size)).toEqual([
        { id: 1 },
        { id: 2, tags: ['x'] },
        { value: 3 },
        { value: 'four' },
        { value: null },
        { value: [5] },
      ]);
    }
  });

  it('finds the array at a dotted path, skipping everything else', async () => {
    const text = '{"meta": {"orders": "not these"}, "data": {"count": 2, "items": [{"n": 1}, {"n": 2}], "after": true}}';
    expect(await readAll(text, { ...arrayMode, records: 'data.items' }, 5)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await readAll('{"orders": []}', { ...arrayMode, records: 'orders' })).toEqual([]);
  });

  it('says when the records path is missing or not a list', async () => {
    const missing = await chorusError(readAll('{"order": [{"n": 1}]}', { ...arrayMode, records: 'orders' }));
    expect(missing.code).toBe('DATA_JSON_MALFORMED');
    expect(missing.message).toBe('no value at "orders" in the document; set "records" to the dotted path of the list of records');

    const object = await chorusError(readAll('{"orders": {"a": 1}}', { ...arrayMode, records: 'orders' }));
    expect(object.message).toBe('the value at "orders" is an object, not a list; set "records" to the path of the list of records');
    const scalar = await chorusError(readAll('{"orders": 5}', { ...arrayMode, records: 'orders' }));
    expect(scalar.message).toContain('the value at "orders" is a number, not a list');
    const top = await chorusError(readAll('{"a": 1}', arrayMode));
    expect(top.message).toContain('the document is an object, not a list');
  });

  it('reports a syntax error with line, column and record index', async () => {
    const text = '[\n  {"a": 1},\n  {"a": 2},\n  {"a" 3}\n]';
    for (const size of [1, 9, 1000]) {
      const err = await chorusError(readAll(text, arrayMode, size));
      expect(err.code).toBe('DATA_JSON_MALFORMED');
      expect(err.message).toBe('invalid JSON: unexpected 3');
      expect(err.location).toEqual({ file: 'in/data', line: 4, column: 8, record: 2 });
    }
  });

  it('streams a large array: batches arrive before the input ends', async () => {
    const total = 100_000;
    let produced = 0;
    async function* generate() {
      yield '{"orders": [';
      for (let i = 0; i < total; i += 1000) {
        const items = Array.from({ length: 1000 }, (_, k) => JSON.stringify({ id: i + k, name: `n${i + k}` }));
        produced += 1000;
        yield Buffer.from((i === 0 ? '' : ',') + items.join(','));
      }
      yield ']}';
    }
    let producedAtFirstBatch = -1;
    let count = 0;
    let lastId = -1;
    const fmt = format({ ...arrayMode, records: 'orders' });
    for await (const batch of readRecords(Readable.from(generate()), fmt, { sourceName: 'big.json' })) {
      if (producedAtFirstBatch === -1) producedAtFirstBatch = produced;
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(5000);
      count += batch.length;
      lastId = batch.at(-1)!.id as number;
    }
    expect(count).toBe(total);
    expect(lastId).toBe(total - 1);
    expect(producedAtFirstBatch).toBeLessThan(total / 2);
  });

  it('stops when the signal aborts', async () => {
    const text = '[' + Array.from({ length: 20_000 }, (_, i) => `{"i":${i}}`).join(',') + ']';
    const controller = new AbortController();
    const run = (async () => {
      for await (const _batch of readRecords(Readable.from([text]), format(arrayMode), { sourceName: 'x', signal: controller.signal })) {
        controller.abort();
      }
    })();
    expect((await chorusError(run)).code).toBe('RUN_CANCELLED');
  });
});

describe('JSON reader, lines mode', () => {
  it('reads one value per non-blank line', async () => {
    const text = '{"a": 1}\r\n\n  \n"text"\n[1, 2]\n{"b": {"c": null}}';
    expect(await readAll(text, linesMode, 3)).toEqual([{ a: 1 }, { value: 'text' }, { value: [1, 2] }, { b: { c: null } }]);
  });

  it('reports the line, column and record of a bad line', async () => {
    const err = await chorusError(readAll('{"a": 1}\n\n{"a": 2}\n{"a": }\n', linesMode, 2));
    expect(err.code).toBe('DATA_JSON_MALFORMED');
    expect(err.message).toBe('invalid JSON: unexpected "}"');
    expect(err.location).toEqual({ file: 'in/data', line: 4, column: 7, record: 2 });
  });

  it('reads a line far longer than a chunk', async () => {
    const big = 'x'.repeat(20_000_000);
    // Linear time: measured by hand (not asserted) at about 0.3 s; 12 s when each chunk rejoined and rescanned the pending text.
    const records = await readAll(`{"id": 1}\n{"big": "${big}"}\r\n{"id": 2}\n`, linesMode);
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({ id: 1 });
    expect((records[1].big as string).length).toBe(big.length);
    expect(records[1].big === big).toBe(true);
    expect(records[2]).toEqual({ id: 2 });
  });

  it('refuses a line longer than the limit, with its line', () => {
    const parser = new JsonLinesParser('in/data', 1024 * 1024);
    parser.write('{"a": 1}\n{"a": 2}\n{"big": "');
    const chunk = 'x'.repeat(64 * 1024);
    let err: unknown;
    try {
      for (let i = 0; i < 17; i++) parser.write(chunk);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChorusError);
    expect(err).toMatchObject({ code: 'DATA_JSON_MALFORMED', message: 'this line is longer than 1 MB', location: { file: 'in/data', line: 3 } });
    expect(parser.records.count).toBe(2);
  });

  it('refuses a line longer than the limit that arrives whole', () => {
    const parser = new JsonLinesParser('in/data', 1024 * 1024);
    expect(() => parser.write(`{"a": 1}\n"${'x'.repeat(1024 * 1024)}"\n`)).toThrow(
      expect.objectContaining({ code: 'DATA_JSON_MALFORMED', message: 'this line is longer than 1 MB', location: { file: 'in/data', line: 2, record: 1 } }),
    );
  });

  it('limits a line to 64 MB by default', async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 'x');
    const input = Readable.from(
      (function* () {
        yield Buffer.from('{"a": 1}\n"');
        for (let i = 0; i <= MAX_LINE_CHARS / megabyte.length; i++) yield megabyte;
      })(),
    );
    const err = await chorusError(readAll(input, linesMode));
    expect(err.code).toBe('DATA_JSON_MALFORMED');
    expect(err.message).toBe('this line is longer than 64 MB');
    expect(err.location).toEqual({ file: 'in/data', line: 2, record: 1 });
  });

  it('round-trips windows-1252', async () => {
    const records = [{ name: 'Zoë', price: '€5' }, { name: 'Ñandú' }];
    const out = await writeAll({ ...linesMode, encoding: 'windows-1252' }, [records]);
    expect(out.bytes()).toEqual(iconv.encode('{"name":"Zoë","price":"€5"}\n{"name":"Ñandú"}\n', 'windows-1252'));
    expect(await readAll(out.bytes(), { ...linesMode, encoding: 'windows-1252' }, 1)).toEqual(records);
  });
});

describe('JSON writer', () => {
  const records = [{ id: 1, tags: ['a', 'b'], when: new Date('2024-01-02T03:04:05Z') }, { id: 2, nested: { x: null } }];

  it('writes array mode exactly like JSON.stringify, compact or indented', async () => {
    for (const indent of [0, 2, 4]) {
      const out = await writeAll({ ...arrayMode, indent }, [records.slice(0, 1), [], records.slice(1)]);
      expect(out.text()).toBe(`${JSON.stringify(records, null, indent)}\n`);
    }
    expect((await writeAll(arrayMode, [])).text()).toBe('[]\n');
  });

  it('wraps the array in objects when records has a path', async () => {
    const fmt = { ...arrayMode, records: 'data.items' };
    expect((await writeAll(fmt, [records])).text()).toBe(`${JSON.stringify({ data: { items: records } }, null, 2)}\n`);
    expect((await writeAll({ ...fmt, indent: 0 }, [records])).text()).toBe(`${JSON.stringify({ data: { items: records } })}\n`);
    expect((await writeAll(fmt, [])).text()).toBe(`${JSON.stringify({ data: { items: [] } }, null, 2)}\n`);
    const out = await writeAll(fmt, [records]);
    expect(await readAll(out.bytes(), fmt)).toEqual(JSON.parse(JSON.stringify(records)));
  });

  it('writes one record in document mode, none for no record, and refuses a second', async () => {
    expect((await writeAll(documentMode, [[{ a: 1 }]])).text()).toBe('{\n  "a": 1\n}\n');
    expect((await writeAll(documentMode, [])).text()).toBe('');
    const err = await chorusError(writeAll(documentMode, [[{ a: 1 }], [{ a: 2 }]]));
    expect(err.code).toBe('DATA_NOT_SERIALIZABLE');
    expect(err.message).toBe('document mode writes one record; got more: use mode "array"');
    expect(err.location).toEqual({ file: 'out/data', record: 1 });
  });

  it('writes compact lines and appends only in lines mode', async () => {
    expect((await writeAll(linesMode, [records], { appending: true })).text()).toBe(
      records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    for (const mode of ['document', 'array'] as const) {
      expect(() => createRecordWriter(new Collector(), format({ type: 'json', mode }), { appending: true, targetName: 'o.json' })).toThrow(
        expect.objectContaining({ code: 'DATA_NOT_SERIALIZABLE', message: expect.stringContaining('appending works with CSV and JSON lines') }),
      );
    }
  });

  it('rejects values JSON cannot hold', async () => {
    const err = await chorusError(writeAll(linesMode, [[{ a: 1 }, { big: 10n }]]));
    expect(err.code).toBe('DATA_NOT_SERIALIZABLE');
    expect(err.location.record).toBe(1);
  });
});
