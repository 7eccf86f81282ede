import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { createRecordWriter, readRecords } from './index.ts';
import { chorusError, Collector, format, readAll, writeAll } from './testing.ts';

const orders = { type: 'xml', record: 'order', root: 'orders' } as const;

describe('XML reader', () => {
  it('warns when the document has elements but none named like the record', async () => {
    const read = async (text: string) => {
      const warnings: { code: string; text: string; file: string }[] = [];
      const batches = readRecords(Readable.from([text]), format({ type: 'xml', record: 'order' }), { sourceName: 'in/o.xml', onWarning: (w) => warnings.push(w) });
      let count = 0;
      for await (const batch of batches) count += batch.length;
      return { count, warnings };
    };
    const misspelt = await read('<orders><Order id="1"/><Order id="2"/></orders>');
    expect(misspelt.count).toBe(0);
    expect(misspelt.warnings).toEqual([
      { code: 'DATA_XML_NO_RECORD', file: 'in/o.xml', text: expect.stringContaining('no <order> element in in/o.xml, which has <orders>, <Order>') },
    ]);
    expect((await read('<orders/>')).warnings).toEqual([]);
    expect(await read('<orders><order/></orders>')).toEqual({ count: 1, warnings: [] });
  });

  it('turns each record element, at any depth, into a record', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<export>
  <meta><order>ignored? no: records are found at any depth</order></meta>
  <batch id="b1">
    <order id="1" status="open">
      <customer>Zoë &amp; Co</customer>
      <line sku="A"><qty>2</qty></line>
      <line sku="B"><qty>1</qty></line>
      <note/>
      <price currency="EUR">12.50</price>
      <x:ref xmlns:x="urn:x">R-1</x:ref>
      <comment><![CDATA[<b>bold</b> & more]]></comment>
    </order>
  </batch>
</export>`;
    expect(await readAll(text, orders)).toEqual([
      { '#text': 'ignored? no: records are found at any depth' },
      {
        '@id': '1',
        '@status': 'open',
        customer: 'Zoë & Co',
        line: [
          { '@sku': 'A', qty: '2' },
          { '@sku': 'B', qty: '1' },
        ],
        note: '',
        price: { '@currency': 'EUR', '#text': '12.50' },
        'x:ref': { '@xmlns:x': 'urn:x', '#text': 'R-1' },
        comment: '<b>bold</b> & more',
      },
    ]);
  });

  it('keeps mixed text, nested records and awkward names as plain fields', async () => {
    const text = '<r><order>Hello <b>big</b> world<order>inner</order><__proto__>p</__proto__><toString>t</toString></order><order/></r>';
    const records = await readAll(text, orders);
    const first: Record<string, unknown> = { b: 'big', order: 'inner', ['__proto__']: 'p', toString: 't', '#text': 'Hello  world' };
    expect(records).toEqual([first, {}]);
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = '\uFEFF<r>\n<order n="1"><name>Zoë</name><tag>a</tag><tag>b</tag></order>\n<order n="2"><name>Ñ &lt;</name></order></r>';
    const whole = await readAll(text, orders);
    expect(whole).toHaveLength(2);
    for (let size = 1; size < 40; size++) expect(await readAll(text, orders, size)).toEqual(whole);
  });

  it('reports malformed XML with line and column', async () => {
    const err = await chorusError(readAll('<r>\n  <order>\n    <a>1</b>\n  </order>\n</r>', orders, 3));
    expect(err.code).toBe('DATA_XML_MALFORMED');
    expect(err.message).toContain('unexpected close tag');
    expect(err.location).toEqual({ file: 'in/data', line: 3, column: 12, record: 0 });

    const unclosed = await chorusError(readAll('<r><order><a>1</a></order>', orders));
    expect(unclosed.code).toBe('DATA_XML_MALFORMED');
    expect(unclosed.location.line).toBe(1);
  });

  it('never expands external entities (XXE)', async () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<r><order><secret>&xxe;</secret></order></r>`;
    const records: unknown[] = [];
    const err = await chorusError(
      (async () => {
        for await (const batch of readRecords(Readable.from([text]), format(orders), { sourceName: 'in/data' })) records.push(...batch);
      })(),
    );
    expect(err.code).toBe('DATA_XML_MALFORMED');
    expect(err.message).toContain('undefined entity');
    expect(err.message).toContain('never expanded');
    expect(err.location).toMatchObject({ line: 3, record: 0 });
    expect(JSON.stringify(records)).not.toContain('root:');
    expect(err.message).not.toContain('root:');
  });

  it('does not expand internal entities either (no billion laughs)', async () => {
    const text = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r><order>&b;</order></r>';
    expect((await chorusError(readAll(text, orders))).code).toBe('DATA_XML_MALFORMED');
  });

  it('decodes the configured encoding', async () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="windows-1252"?><r><order>€ Zoë</order></r>', 'windows-1252');
    expect(await readAll(bytes, { ...orders, encoding: 'windows-1252' }, 2)).toEqual([{ '#text': '€ Zoë' }]);
  });
});

describe('XML writer', () => {
  it('writes a declaration, the root, and indented record elements', async () => {
    const out = await writeAll(orders, [
      [
        {
          '@id': 1,
          customer: 'Ann & "Bob" <Co> \'x\'',
          line: [{ '@sku': 'A', qty: 2 }, { '@sku': 'B', qty: 1 }],
          price: { '@currency': 'EUR', '#text': 12.5 },
          paid: true,
          note: null,
          skipped: undefined,
          when: new Date('2024-01-02T03:04:05Z'),
          empty: {},
        },
      ],
    ]);
    expect(out.text()).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<orders>
  <order id="1">
    <customer>Ann &amp; &quot;Bob&quot; &lt;Co&gt; &apos;x&apos;</customer>
    <line sku="A">
      <qty>2</qty>
    </line>
    <line sku="B">
      <qty>1</qty>
    </line>
    <price currency="EUR">12.5</price>
    <paid>true</paid>
    <note/>
    <when>2024-01-02T03:04:05.000Z</when>
    <empty/>
  </order>
</orders>
`);
  });

  it('writes compactly with indent 0, escapes attributes, and keeps mixed content exact', async () => {
    const out = await writeAll({ ...orders, indent: 0 }, [[{ '@note': 'a"b\nc&', item: { '#text': 'Hi ', b: 'there' } }, { x: '' }]]);
    expect(out.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<orders><order note="a&quot;b&#10;c&amp;"><item>Hi <b>there</b></item></order><order><x></x></order></orders>\n',
    );
    const records = await readAll(out.bytes(), orders);
    expect(records).toEqual([{ '@note': 'a"b\nc&', item: { b: 'there', '#text': 'Hi' } }, { x: '' }]);
  });

  it('round-trips records through the reader', async () => {
    const records = [
      { '@id': '1', name: 'Zoë', tags: { tag: ['a', 'b'] }, address: { city: 'Köln', zip: '50667' } },
      { '@id': '2', name: 'x < y', tags: { tag: 'only' }, address: { city: '', zip: '1' } },
    ];
    const out = await writeAll({ ...orders, encoding: 'windows-1252' }, [records]);
    expect(out.bytes().subarray(0, 60).toString('latin1')).toContain('encoding="windows-1252"');
    expect(await readAll(out.bytes(), { ...orders, encoding: 'windows-1252' }, 7)).toEqual(records);
  });

  it('writes an empty root for no records', async () => {
    expect((await writeAll(orders, [])).text()).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<orders/>\n');
  });

  it('rejects names that are not XML names, characters XML cannot hold, and lists of lists', async () => {
    const name = await chorusError(writeAll(orders, [[{ ok: 1 }, { 'first name': 'Ann' }]]));
    expect(name.code).toBe('DATA_NOT_SERIALIZABLE');
    expect(name.message).toContain('"first name" is not a valid XML name');
    expect(name.location).toEqual({ file: 'out/data', record: 1 });
    const attribute = await chorusError(writeAll(orders, [[{ '@1x': 'a' }]]));
    expect(attribute.message).toContain('"1x" is not a valid XML name');
    const control = await chorusError(writeAll(orders, [[{ a: 'bell\u0007' }]]));
    expect(control.message).toBe('field "a" of record 0 holds the character U+0007, which XML 1.0 cannot represent');
    const nested = await chorusError(writeAll(orders, [[{ a: [[1]] }]]));
    expect(nested.message).toContain('list inside a list');
    expect(() => createRecordWriter(new Collector(), format({ ...orders, record: 'bad name' }), { appending: false, targetName: 'o' })).toThrow(
      expect.objectContaining({ code: 'DATA_NOT_SERIALIZABLE' }),
    );
  });

  it('refuses to append', () => {
    expect(() => createRecordWriter(new Collector(), format(orders), { appending: true, targetName: 'o.xml' })).toThrow(
      expect.objectContaining({ code: 'DATA_NOT_SERIALIZABLE', message: expect.stringContaining('appending works with CSV and JSON lines') }),
    );
  });
});
