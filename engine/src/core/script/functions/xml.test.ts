import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import { ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

function call(name: string, args: ScriptValue[], env: ScriptEnv = testEnv()): ScriptValue {
  return builtins.get(name)!.impl!(args, env) as ScriptValue;
}

function errorOf(fn: () => unknown): ScriptError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptError) return err;
    throw err;
  }
  throw new Error('expected a ScriptError');
}

const ORDER = `<?xml version="1.0"?>
<order xmlns="urn:default" xmlns:o="urn:o" id="7">
  <o:item sku="A1">Pen &amp; ink</o:item>
  <o:item sku="B2"><![CDATA[Pad <A4>]]></o:item>
</order>`;

describe('XPath selection', () => {
  it('returns elements as XML, text and attributes as escaped values, scalars as they are', () => {
    expect(call('SelectNodes', [ORDER, '//o:item/@sku'])).toEqual(['A1', 'B2']);
    expect(call('SelectNodes', [ORDER, '//x:item/text()', 'x=urn:o'])).toEqual(['Pen &amp; ink', 'Pad &lt;A4&gt;']);
    expect(call('SelectSingleNode', [ORDER, '/d:order/o:item', 'd=urn:default'])).toBe('<o:item sku="A1" xmlns:o="urn:o">Pen &amp; ink</o:item>');
    expect(call('SelectSingleNode', [ORDER, 'count(//o:item)'])).toBe(2);
    expect(call('SelectSingleNode', [ORDER, 'string(/*/@id)'])).toBe('7');
    expect(call('SelectSingleNode', [ORDER, '//o:missing'])).toBeNull();
    expect(call('SelectNodes', [ORDER, '//o:missing'])).toEqual([]);
  });

  it('decodes values and accepts HTML entities with $jitterbit.decode.html.chars', () => {
    const env = testEnv({ globals: { 'jitterbit.decode.html.chars': true } });
    expect(call('SelectNodes', [ORDER, '//o:item/text()'], env)).toEqual(['Pen & ink', 'Pad <A4>']);
    expect(call('SelectSingleNode', ['<a t="&laquo;x&raquo;">&nbsp;caf&eacute;<![CDATA[&eacute;]]></a>', '/a/text()'], env)).toBe('\u00a0café');
    expect(call('SelectSingleNode', ['<a t="&laquo;x&raquo;"/>', '/a/@t'], env)).toBe('«x»');
    expect(errorOf(() => call('SelectNodes', ['<a>&eacute;</a>', '/a'])).code).toBe('SCRIPT_FAILED');
    expect(errorOf(() => call('SelectNodes', ['<a>&nosuch;</a>', '/a'], env)).code).toBe('SCRIPT_FAILED');
  });

  it('reports XML syntax errors with line and column, and bad XPath or declarations', () => {
    const err = errorOf(() => call('SelectNodes', ['<a>\n\n  <b></c></a>', '//b']));
    expect(err.code).toBe('SCRIPT_FAILED');
    expect(err.message).toMatch(/at line 3, column 3: /);
    expect(err.argument).toBe(0);
    expect(errorOf(() => call('SelectNodes', ['<a>\n<b x=1/></a>', '//b'])).message).toMatch(/at line 2, column \d+: /);
    expect(errorOf(() => call('SelectNodes', ['text', '//b'])).code).toBe('SCRIPT_FAILED');
    expect(errorOf(() => call('SelectNodes', ['<a/>', '//['])).argument).toBe(1);
    expect(errorOf(() => call('SelectNodes', ['<a/>', '//p:a'])).code).toBe('SCRIPT_FAILED');
    expect(errorOf(() => call('SelectNodes', ['<a/>', '/a', 'no-equals'])).argument).toBe(2);
  });

  it('never reads an external entity (XXE) nor expands declared ones', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(errorOf(() => call('SelectSingleNode', [xxe, '/r/text()'])).code).toBe('SCRIPT_FAILED');
    const bomb = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><r>&b;</r>';
    expect(errorOf(() => call('SelectSingleNode', [bomb, '/r'])).code).toBe('SCRIPT_FAILED');
    const parameter = '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><r>ok</r>';
    // The external parameter entity is neither fetched nor expanded: the DTD is skipped.
    expect(call('SelectSingleNode', [parameter, 'string(/r)'])).toBe('ok');
  });
});

describe('XML any nodes', () => {
  it('finds a node by name and queries each node as its own document', () => {
    const nodes = ['<a>1</a>', '<p:b xmlns:p="urn:p">2</p:b>', '<b>3</b>'];
    expect(call('SelectNodeFromXMLAny', ['b', nodes])).toBe('<p:b xmlns:p="urn:p">2</p:b>');
    expect(call('SelectNodeFromXMLAny', ['c', '<a/><b/>'])).toBeNull();
    expect(call('SelectNodeFromXMLAny', ['b', '<?xml version="1.0"?><a/><b x="1"/>'])).toBe('<b x="1"/>');
    expect(call('SelectNodesFromXMLAny', ['/b/text()', nodes])).toEqual(['3']);
    expect(call('SelectNodesFromXMLAny', ['/q:b', nodes, 'q=urn:p'])).toEqual(['<p:b xmlns:p="urn:p">2</p:b>']);
  });
});

describe('building and reading nodes', () => {
  it('CreateNode assembles attributes, children and escaped text', () => {
    const item = call('CreateNode', ['', 'item', call('Attribute', ['sku', 'A&1']), 'x < y', null, ['<b>1</b>', 2]]);
    expect(item).toBe('<item sku="A&amp;1">x &lt; y<b>1</b>2</item>');
    expect(call('CreateNode', ['urn:o', 'o:order', item])).toBe('<o:order xmlns:o="urn:o"><item sku="A&amp;1">x &lt; y<b>1</b>2</item></o:order>');
    expect(call('CreateNode', ['', 'e', '<not xml'])).toBe('<e>&lt;not xml</e>');
    expect(call('Attribute', ['t', 'a"b\nc'])).toBe('t="a&quot;b&#10;c"');
    expect(errorOf(() => call('CreateNode', ['', 'bad name'])).argument).toBe(1);
  });

  it('GetNodeName and GetNodeValue read nodes and values back', () => {
    const node = call('SelectSingleNode', [ORDER, '//o:item[2]']);
    expect(call('GetNodeName', [node])).toBe('o:item');
    expect(call('GetNodeValue', [node])).toBe('Pad <A4>');
    expect(call('GetNodeValue', [call('SelectSingleNode', [ORDER, '//o:item/text()'])])).toBe('Pen & ink');
    expect(call('GetNodeValue', [call('CreateNode', ['', 'v', 'a & b'])])).toBe('a & b');
    expect(errorOf(() => call('GetNodeName', ['text'])).code).toBe('SCRIPT_FAILED');
  });

  it('functions that need a transformation or an XSLT engine say so', () => {
    for (const name of ['GetXMLString', 'IsNil', 'RunXSLT']) {
      const spec = builtins.get(name)!;
      expect(spec.impl).toBeUndefined();
      expect(spec.needs).toBeTruthy();
    }
  });
});
