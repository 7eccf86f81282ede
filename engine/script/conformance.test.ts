/**
 * The conformance suite: every engine/script/cases/*.json file is a JSON array of cases
 *
 *   {"name"?: "...", "code": "<script>", "result": {"type": "int", "value": 7}}
 *   {"name"?: "...", "code": "<script>", "error": "SCRIPT_TYPE"}
 *   {"name"?: "...", "code": "<script>", "matches": "^\\d{4}-"}   (regex on the plain-text result)
 *
 * `code` is wrapped in <trans>...</trans> unless it has its own tags. Each case runs in a
 * fresh deterministic environment in async mode, so every function can be called.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChorusError } from '../src/core/errors.ts';
import { evaluateAsync, formatResult } from '../src/core/script/evaluate.ts';
import { toTyped, type TypedValue } from '../src/core/script/values.ts';
import { testEnv } from './test-host.ts';

interface Case {
  name?: string;
  code: string;
  result?: TypedValue;
  error?: string;
  matches?: string;
}

const folder = join(import.meta.dirname, 'cases');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort();

for (const file of files) {
  const cases = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Case[];
  describe(file, () => {
    it.each(cases.map((c, i) => ({ ...c, label: `#${i + 1} ${c.name ?? c.code}` })))('$label', async (c) => {
      const source = c.code.includes('<trans>') ? c.code : `<trans>${c.code}</trans>`;
      const outcome = await evaluateAsync(source, testEnv({ async: true })).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if (c.error !== undefined) {
        expect('error' in outcome, `expected ${c.error}, got a result`).toBe(true);
        const err = (outcome as { error: unknown }).error;
        expect(err).toBeInstanceOf(ChorusError);
        expect((err as ChorusError).code, (err as Error).message).toBe(c.error);
        return;
      }
      if ('error' in outcome) throw outcome.error;
      if (c.matches !== undefined) expect(formatResult(outcome.value)).toMatch(new RegExp(c.matches));
      else expect(toTyped(outcome.value)).toEqual(c.result);
    });
  });
}
