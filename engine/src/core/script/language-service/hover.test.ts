import { describe, expect, it } from 'vitest';
import { createLanguageService } from './index.ts';
import { cursor, orderSchema, sampleFunctions } from './test-support.ts';

const service = createLanguageService({ functions: sampleFunctions });
const hover = (marked: string, s = service) => s.hover(...cursor(marked));

describe('hover', () => {
  it('shows a function: signatures, summary, parameters and the first example', () => {
    const [source, offset] = cursor('<trans> name = "Chorus"; le¦ft(name, 3) </trans>');
    const h = service.hover(source, offset)!;
    expect(h.start).toBe(source.indexOf('left'));
    expect(h.end).toBe(h.start + 4);
    expect(h.contents).toBe(
      [
        '```\nLeft(string str, int n) → string\n```',
        'The first `n` characters of a string.',
        '**Parameters**\n\n- `str` (string) — the text\n- `n` (int) — how many characters',
        '**Example**\n\n```\nLeft("Chorus", 3)\n// → "Cho" (string)\n```',
        '*String*',
      ].join('\n\n'),
    );
  });

  it('lists every overload and notes aliases and needs', () => {
    expect(hover('<trans> Round¦(1.5) </trans>')!.contents).toContain('Round(double d) → int\nRound(double d, int places) → double');
    expect(hover('<trans> Map¦() </trans>')!.contents).toContain('alias: Map');
    expect(hover('<trans> DBLookup¦("a", "b") </trans>')!.contents).toContain('needs a database connection');
  });

  it('prefers the innermost name: an argument inside a call', () => {
    expect(hover('<trans> n = 1; Left("abc", n¦) </trans>')).toMatchObject({ contents: '`n` — local variable' });
    expect(hover('<trans> Left("ab¦c", 1) </trans>')).toBeUndefined();
  });

  it('shows globals, with the default of a Jitterbit setting', () => {
    expect(hover('<trans> $order¦Count = 1 </trans>')!.contents).toBe('`$orderCount` — global variable');
    expect(hover('<trans> $jitterbit.operation.name¦ </trans>')!.contents).toBe('`$jitterbit.operation.name` — Jitterbit variable: name of the running operation');
    const project = createLanguageService({ functions: sampleFunctions, projectVariables: ['apiBaseUrl'] });
    expect(hover('<trans> $APIBaseUrl¦ </trans>', project)!.contents).toBe('`$APIBaseUrl` — project variable');
    const marked = '<trans> $jitterbit.scripting.while.max_iterations¦ = 10 </trans>';
    expect(hover(marked)).toEqual({
      contents: '`$jitterbit.scripting.while.max_iterations` — Jitterbit setting, default `50000`',
      start: 8,
      end: marked.indexOf('¦'),
    });
  });

  it('shows a source field with its path and type', () => {
    const formula = createLanguageService({ functions: sampleFunctions, sourceSchema: orderSchema });
    expect(hover('<trans> json$customer$conta¦ct#.Email </trans>', formula)!.contents).toBe(
      '`json$customer$contact#.Email` — source field customer › contact › Email: string',
    );
    expect(hover('<trans> json$nope¦ </trans>', formula)!.contents).toBe('`json$nope` — source reference');
  });

  it('has nothing for unknown functions, literals and operators', () => {
    expect(hover('<trans> Nope¦(1) </trans>')).toBeUndefined();
    expect(hover('<trans> 1 +¦ 2 </trans>')).toBeUndefined();
    expect(hover('¦<trans> 1 </trans>')).toBeUndefined();
  });
});
