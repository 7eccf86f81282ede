import { describe, expect, it } from 'vitest';
import { createLanguageService } from './index.ts';
import { cursor, orderSchema, sampleFunctions } from './test-support.ts';

const service = createLanguageService({ functions: sampleFunctions, projectVariables: ['apiBaseUrl', 'batchSize'] });
const complete = (marked: string, s = service) => s.completions(...cursor(marked));
const labels = (marked: string, s = service) => complete(marked, s).map((c) => c.label);

describe('completions', () => {
  it('offers the <trans> skeleton in an empty source and while typing the tag', () => {
    const [item] = complete('¦');
    expect(item).toMatchObject({ label: '<trans>', kind: 'snippet', insertText: '<trans>\n$0\n</trans>', snippet: true, range: { start: 0, end: 0 } });
    expect(complete('<tr¦')[0].range).toEqual({ start: 0, end: 3 });
    expect(complete('a literal¦')).toEqual([]);
    expect(complete('<trans> 1 </trans> after¦')).toEqual([]);
  });

  it('offers functions with a case-insensitive prefix, aliases included', () => {
    expect(labels('<trans> le¦')).toEqual(['Left', 'Length']);
    expect(labels('<trans> x = ma¦')).toEqual(['Map']);
    expect(labels('<trans> D¦ </trans>')).toEqual(['Dict', 'DBLookup']);
  });

  it('describes a function: signature, Markdown documentation and a call snippet', () => {
    const [left] = complete('<trans> Lef¦');
    expect(left).toMatchObject({
      kind: 'function',
      detail: 'Left(string str, int n) → string',
      insertText: 'Left(${1:str}, ${2:n})',
      snippet: true,
      range: { start: 8, end: 11 },
    });
    expect(left.documentation).toContain('The first `n` characters of a string.');
    expect(left.documentation).toContain('- `str` (string) — the text');
    expect(left.documentation).toContain('Left("Chorus", 3)\n// → "Cho" (string)');
    expect(complete('<trans> No¦')[0].insertText).toBe('Now()');
    expect(complete('<trans> Mi¦')[0].detail).toBe('Mid(string str, int m[, int n]) → string');
  });

  it('inserts only the name when the parenthesis is already there', () => {
    expect(complete('<trans> Le¦("abc", 1) </trans>')[0]).toMatchObject({ insertText: 'Left', snippet: false });
  });

  it('offers locals assigned earlier, before functions, and true/false', () => {
    const items = complete('<trans>\ntotal = 0;\nArgumentList(first, tail);\nt¦\ncount = 1;\n</trans>');
    expect(items.map((i) => [i.label, i.kind])).toEqual([
      ['total', 'variable'],
      ['tail', 'variable'],
      ['true', 'keyword'],
    ]);
    const sorted = complete('<trans> first = 1; f¦').sort((a, b) => a.sortText.localeCompare(b.sortText));
    expect(sorted.map((i) => i.label)).toEqual(['first', 'false']);
  });

  it('offers everything at a blank position', () => {
    const all = labels('<trans> x = 1; Left(¦');
    expect(all).toContain('x');
    expect(all).toContain('Sleep');
    expect(all).toContain('true');
  });

  it('offers globals after $: from the script, the project and the Jitterbit settings', () => {
    const source = '<trans>\n$orderCount = 0;\n$OrderCount++;\n$¦';
    const items = complete(source);
    expect(items.slice(0, 3).map((i) => [i.label, i.detail])).toEqual([
      ['$orderCount', 'global variable'],
      ['$apiBaseUrl', 'project variable'],
      ['$batchSize', 'project variable'],
    ]);
    expect(items.map((i) => i.label)).toContain('$jitterbit.scripting.while.max_iterations');
    const dollar = source.indexOf('$¦');
    expect(items.every((i) => i.kind === 'global' && i.range.start === dollar && i.range.end === dollar + 1)).toBe(true);
  });

  it('narrows globals by prefix, dots included', () => {
    expect(labels('<trans> $jitterbit.target.xml.¦')).toEqual([
      '$jitterbit.target.xml.prettify',
      '$jitterbit.target.xml.include_null_xml',
      '$jitterbit.target.xml.include_empty_xml',
    ]);
    expect(complete('<trans> $JITTERBIT.scripting.while¦')[0].detail).toBe('Jitterbit setting, default 50000');
  });

  it('offers nothing inside strings and comments', () => {
    expect(complete('<trans> x = "Le¦" </trans>')).toEqual([]);
    expect(complete('<trans> x = "unterminated Le¦')).toEqual([]);
    expect(complete("<trans> x = 'a' + 'Le¦")).toEqual([]);
    expect(complete('<trans> // Le¦\n</trans>')).toEqual([]);
    expect(complete('<trans> /* Le¦')).toEqual([]);
    // Just after a closed string or comment is code again.
    expect(labels('<trans> /* c */Le¦')).toEqual(['Left', 'Length']);
  });

  describe('source fields', () => {
    const formula = createLanguageService({ functions: sampleFunctions, sourceSchema: orderSchema });

    it('offers the children of the path typed so far', () => {
      const items = complete('<trans> json$customer$¦', formula);
      expect(items.map((i) => [i.label, i.detail])).toEqual([
        ['name', 'json$customer$name (string)'],
        ['contact', 'json$customer$contact (object, repeating)'],
      ]);
      expect(items[0]).toMatchObject({ kind: 'field', insertText: 'name', range: { start: 22, end: 22 } });
    });

    it('filters by the last segment and understands . and #', () => {
      expect(labels('<trans> customer.contact#.E¦', formula)).toEqual(['Email']);
      expect(complete('<trans> json$customer$contact.Ph¦', formula)[0].range).toEqual({ start: 30, end: 32 });
    });

    it('offers top-level fields after the root name and among identifiers', () => {
      expect(labels('<trans> json$¦', formula)).toEqual(['orderId', 'customer', 'total']);
      const field = complete('<trans> ord¦', formula).find((i) => i.kind === 'field');
      expect(field).toMatchObject({ label: 'orderId', insertText: 'orderId$' });
    });

    it('offers nothing for an unknown path or without a schema', () => {
      expect(complete('<trans> json$nope$¦', formula)).toEqual([]);
      expect(complete('<trans> json$customer$¦')).toEqual([]);
    });
  });
});
