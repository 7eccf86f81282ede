import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderFunctionDocs, signatureText } from './function-docs.ts';

describe('docs/script/functions.md', () => {
  it('is generated from the current function metadata (run npm run docs:functions after changing it)', async () => {
    expect(await readFile(new URL('../docs/script/functions.md', import.meta.url), 'utf8')).toBe(renderFunctionDocs());
  });

  it('writes signatures in the reference notation', () => {
    const sig = signatureText('Index', {
      params: [
        { name: 'str', type: 'string' },
        { name: 'subStr', type: 'string' },
        { name: 'n', type: 'int', optional: true, default: '1' },
      ],
      returns: 'int',
    });
    expect(sig).toBe('Index(string str, string subStr[, int n = 1]) → int');
    expect(signatureText('InList', { params: [{ name: 'x', type: 'type' }, { name: 'arg', type: 'type', rest: true }], returns: 'int' })).toBe(
      'InList(type x[, type arg, …]) → int',
    );
  });
});
