import { describe, expect, it } from 'vitest';
import { createLanguageService } from './index.ts';
import { cursor, sampleFunctions } from './test-support.ts';

const service = createLanguageService({ functions: sampleFunctions });
const help = (marked: string) => service.signatureHelp(...cursor(marked));
const active = (marked: string) => {
  const h = help(marked);
  return h && [h.signatures[h.activeSignature].label, h.activeParameter];
};

describe('signature help', () => {
  it('describes the call and its parameters', () => {
    const h = help('<trans> Left(¦')!;
    expect(h.activeSignature).toBe(0);
    expect(h.activeParameter).toBe(0);
    const [sig] = h.signatures;
    expect(sig.label).toBe('Left(string str, int n) → string');
    expect(sig.documentation).toBe('The first `n` characters of a string.');
    expect(sig.parameters.map((p) => [p.label, sig.label.slice(...p.offsets), p.documentation])).toEqual([
      ['string str', 'string str', 'the text'],
      ['int n', 'int n', 'how many characters'],
    ]);
  });

  it('counts top-level commas only', () => {
    expect(active('<trans> Left("a,b", ¦')).toEqual(['Left(string str, int n) → string', 1]);
    expect(active('<trans> Left(Mid("abc", 1, 2), ¦) </trans>')).toEqual(['Left(string str, int n) → string', 1]);
    expect(active('<trans> Left({1, 2, 3}, ¦')).toEqual(['Left(string str, int n) → string', 1]);
    expect(active('<trans> Left(a[Length("x, y")], ¦')).toEqual(['Left(string str, int n) → string', 1]);
    expect(active('<trans> Left(/* , */ "x" // ,\n , ¦')).toEqual(['Left(string str, int n) → string', 1]);
  });

  it('keeps a ; sequence inside one argument', () => {
    expect(active('<trans> i = 0; If(i < 5, i++; i¦')).toEqual(['If(bool condition, type trueResult[, type falseResult = null]) → type', 1]);
    expect(active('<trans> If(true, 1; 2, ¦')).toEqual(['If(bool condition, type trueResult[, type falseResult = null]) → type', 2]);
  });

  it('shows the inner call while the cursor is in it', () => {
    expect(active('<trans> Left(Mid("abc", ¦')).toEqual(['Mid(string str, int m[, int n]) → string', 1]);
    expect(active('<trans> Left(Mid("abc", 1, 2)¦')).toEqual(['Left(string str, int n) → string', 0]);
    expect(active('<trans> Left(Mid("abc", 1, 2) ¦ </trans>')).toEqual(['Left(string str, int n) → string', 0]);
  });

  it('stays up while a string argument is typed', () => {
    expect(active('<trans> Left("abc, ¦')).toEqual(['Left(string str, int n) → string', 0]);
  });

  it('picks the overload that has room for the argument', () => {
    expect(help('<trans> Round(1.5¦')!.activeSignature).toBe(0);
    expect(help('<trans> Round(1.5, ¦')).toMatchObject({ activeSignature: 1, activeParameter: 1 });
    expect(help('<trans> Concat("a", "b", "c", ¦')).toMatchObject({ activeSignature: 0, activeParameter: 1 });
  });

  it('is absent outside calls and for unknown functions', () => {
    expect(help('<trans> x = (1 + ¦')).toBeUndefined();
    expect(help('<trans> Left("a", 1)¦ </trans>')).toBeUndefined();
    expect(help('<trans> Nope(¦')).toBeUndefined();
    expect(help('Left(¦')).toBeUndefined();
    expect(help('<trans> Now() </trans> Left(¦')).toBeUndefined();
  });

  it('looks past a grouping parenthesis or array to the call around it', () => {
    expect(active('<trans> Left((1 + ¦')).toEqual(['Left(string str, int n) → string', 0]);
    expect(active('<trans> Mid("abc", {1, ¦')).toEqual(['Mid(string str, int m[, int n]) → string', 1]);
  });
});
