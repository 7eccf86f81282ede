/**
 * Every example in the function metadata is run through the real compiler with the
 * deterministic test host, and every function is documented enough for completion and the
 * generated reference.
 */
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { ChorusError } from '../../errors.ts';
import { evaluateAsync, formatResult } from '../evaluate.ts';
import { MemoryCache } from '../memory-cache.ts';
import { toTyped } from '../values.ts';
import { builtinFunctions } from './index.ts';
import { arity } from './types.ts';

const cases = builtinFunctions.flatMap((f) => f.examples.map((example, i) => ({ f, example, label: `${f.name} example ${i + 1}: ${example.code}` })));

describe('function metadata', () => {
  it.each(builtinFunctions.map((f) => [f.name, f] as const))('%s has a summary, signatures and an example', (_name, f) => {
    expect(f.summary.length).toBeGreaterThan(10);
    expect(f.signatures.length).toBeGreaterThan(0);
    expect(f.examples.length).toBeGreaterThan(0);
    expect(f.impl !== undefined || f.intrinsic === true || f.needs !== undefined).toBe(true);
    const { min, max } = arity(f);
    expect(min).toBeLessThanOrEqual(max);
  });
});

describe('function examples', () => {
  it.each(cases)('$label', async ({ example }) => {
    const env = testEnv({ async: true, host: { cache: new MemoryCache(() => Date.now()) } });
    const source = `<trans>${example.code}</trans>`;
    if (example.error !== undefined) {
      const err = await evaluateAsync(source, env).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, 'the example should fail').toBeInstanceOf(ChorusError);
      expect((err as ChorusError).code, (err as Error).message).toBe(example.error);
      return;
    }
    const value = await evaluateAsync(source, env);
    if (example.matches !== undefined) expect(formatResult(value)).toMatch(new RegExp(example.matches));
    else expect(toTyped(value)).toEqual(example.result);
  });
});
