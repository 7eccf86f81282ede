import { describe, expect, it } from 'vitest';
import { createLanguageService } from './index.ts';
import { orderSchema, sampleFunctions } from './test-support.ts';

const service = createLanguageService({ functions: sampleFunctions });
const codes = (source: string, s = service) => s.diagnostics(source).map((d) => d.code);

describe('diagnostics', () => {
  it('reports nothing for a correct script', () => {
    expect(service.diagnostics('<trans>\nname = "Chorus";\nLeft(name, 3)\n</trans>')).toEqual([]);
  });

  it('reports syntax errors with line and column', () => {
    const source = '<trans>\nx = 1\ny = 2\n</trans>';
    const [d] = service.diagnostics(source);
    expect(d).toMatchObject({ severity: 'error', code: 'SCRIPT_SYNTAX', line: 3, column: 1, endLine: 3, endColumn: 2 });
    expect(d.message).toContain('missing semicolon');
    expect(source.slice(d.start, d.end)).toBe('y');
  });

  it('reports an unknown function on its name, with a suggestion', () => {
    const source = '<trans> s = "abc"; Lefft(s, 2) </trans>';
    const [d] = service.diagnostics(source);
    expect(d.code).toBe('SCRIPT_UNKNOWN_FUNCTION');
    expect(source.slice(d.start, d.end)).toBe('Lefft');
    expect(d.message).toContain('did you mean Left?');
    expect(service.diagnostics('<trans> Frobnicate(1) </trans>')[0].message).not.toContain('did you mean');
  });

  it('matches function names and aliases case-insensitively', () => {
    expect(codes('<trans> LEFT("abc", 1); d = map(); length(d) </trans>')).toEqual([]);
  });

  it('checks argument counts against every signature', () => {
    expect(service.diagnostics('<trans> Left("abc") </trans>')[0]).toMatchObject({
      code: 'SCRIPT_ARGUMENTS',
      message: 'Left takes 2 arguments, not 1',
    });
    expect(service.diagnostics('<trans> Mid("abc", 1, 2, 3) </trans>')[0].message).toBe('Mid takes 2 to 3 arguments, not 4');
    expect(service.diagnostics('<trans> Concat() </trans>')[0].message).toBe('Concat takes at least 1 argument, not 0');
    expect(codes('<trans> Round(1.5); Round(1.55, 1); Concat("a", "b", "c"); Now() </trans>')).toEqual([]);
  });

  describe('locals read before they are assigned', () => {
    it('warns in textual order', () => {
      const source = '<trans> total = count + 1; count = 0; count </trans>';
      const found = service.diagnostics(source);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'warning', code: 'SCRIPT_UNINITIALIZED' });
      expect(source.slice(found[0].start, found[0].end)).toBe('count');
    });

    it('reads the value of an assignment before defining its target', () => {
      expect(codes('<trans> x = x + 1 </trans>')).toEqual(['SCRIPT_UNINITIALIZED']);
      expect(codes('<trans> s += "a" </trans>')).toEqual(['SCRIPT_UNINITIALIZED']);
      expect(codes('<trans> a[0] = 1 </trans>')).toEqual(['SCRIPT_UNINITIALIZED']);
      expect(codes('<trans> n++ </trans>')).toEqual(['SCRIPT_UNINITIALIZED']);
    });

    it('knows the script arguments and ArgumentList', () => {
      expect(codes('<trans> _1 + _2 </trans>')).toEqual([]);
      expect(codes('<trans> ArgumentList(first, last); first + " " + last </trans>')).toEqual([]);
    });

    it('follows assignments inside arguments and sequences', () => {
      const source = '<trans> i = 0; total = 0; If(true, total = total + i; i++); total </trans>';
      expect(codes(source)).toEqual([]);
    });

    it('treats locals as case-sensitive and globals as never uninitialized', () => {
      expect(codes('<trans> Total = 1; total </trans>')).toEqual(['SCRIPT_UNINITIALIZED']);
      expect(codes('<trans> $undefined + 1 </trans>')).toEqual([]);
    });
  });

  it('warns about text outside the <trans> tags, not about a plain literal', () => {
    const source = 'note: \n<trans> 1 </trans>\n trailing ';
    const found = service.diagnostics(source);
    expect(found.map((d) => [d.code, source.slice(d.start, d.end)])).toEqual([
      ['text-outside-trans', 'note:'],
      ['text-outside-trans', 'trailing'],
    ]);
    expect(found[0].severity).toBe('warning');
    expect(service.diagnostics('just a literal value')).toEqual([]);
  });

  it('warns about functions that need a capability this version lacks', () => {
    const [d] = service.diagnostics('<trans> DBLookup("<TAG>endpoint:database/Orders</TAG>", "SELECT 1") </trans>');
    expect(d).toMatchObject({
      severity: 'warning',
      code: 'SCRIPT_NEEDS_CAPABILITY',
      message: 'DBLookup needs a database connection, which this version does not provide',
    });
  });

  it('refuses waiting functions in mapping formulas only', () => {
    expect(codes('<trans> Sleep(1) </trans>')).toEqual([]);
    const formula = createLanguageService({ functions: sampleFunctions, formula: true });
    expect(formula.diagnostics('<trans> Sleep(1) </trans>')[0]).toMatchObject({ severity: 'error', code: 'SCRIPT_NOT_ALLOWED' });
  });

  describe('source references', () => {
    const formula = createLanguageService({ functions: sampleFunctions, sourceSchema: orderSchema });

    it('accepts paths the schema has, with or without a root name, in either notation', () => {
      const source = '<trans> Left(json$customer$name, 2) + orderId$ + customer.contact#.Email + json$customer$contact.Phone$ </trans>';
      expect(formula.diagnostics(source)).toEqual([]);
    });

    it('warns about paths the schema lacks', () => {
      const source = '<trans> json$customer$mail </trans>';
      const [d] = formula.diagnostics(source);
      expect(d).toMatchObject({ severity: 'warning', code: 'unknown-source-field' });
      expect(source.slice(d.start, d.end)).toBe('json$customer$mail');
    });

    it('are an error outside mapping formulas', () => {
      expect(codes('<trans> json$customer$name </trans>')).toEqual(['SCRIPT_NOT_ALLOWED']);
    });
  });

  it('never throws on half-typed scripts', () => {
    const broken = ['', '<trans>', '<trans> x = Left(', '<trans> s = "unterminated', '<trans> /* open', '<trans> {1, 2', '</trans><trans>', '<trans> a[ </trans>', '<trans> $', '<trans> Left(,,) </trans>'];
    for (const source of broken) {
      const found = service.diagnostics(source);
      expect(found.every((d) => d.start <= d.end && d.line >= 1)).toBe(true);
      for (let offset = 0; offset <= source.length; offset++) {
        service.completions(source, offset);
        service.hover(source, offset);
        service.signatureHelp(source, offset);
      }
    }
    expect(codes('<trans> x = Left(')).toContain('SCRIPT_SYNTAX');
  });
});
