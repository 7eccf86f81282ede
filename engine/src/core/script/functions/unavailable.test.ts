import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { builtins } from './index.ts';
import { arity, type Category } from './types.ts';

const EXPECTED: Partial<Record<Category, string[]>> = {
  database: ['CallStoredProcedure', 'DBCloseConnection', 'DBExecute', 'DBLoad', 'DBWrite', 'DBLookup', 'CacheLookup', 'DBLookupAll', 'DBRollbackTransaction', 'SetDBInsert', 'SetDBUpdate', 'SQLEscape', 'Unmap'],
  email: ['SendEmail', 'SendEmailMessage', 'SendSystemEmail'],
  ldap: ['LDAPConnect', 'LDAPAdd', 'LDAPReplace', 'LDAPRemove', 'LDAPExecute', 'LDAPDeleteEntry', 'LDAPRename', 'LDAPSearch', 'ArrayToMultipleValues'],
  salesforce: ['SalesforceLogin', 'SetSalesforceSession', 'GetSalesforceTimestamp', 'LoginToSalesforceAndGetTimeStamp', 'SfLookup', 'SfCacheLookup', 'SfLookupAll', 'SfLookupAllToFile', 'FromDataLoaderDate', 'FromDataLoaderDateTime'],
  netsuite: ['NetSuiteGetSelectValue', 'NetSuiteGetServerTime', 'NetSuiteLogin'],
  diff: ['InitializeDiff', 'DiffKeyList', 'OrderedDiffKeyList', 'DiffNode', 'DiffAdd', 'DiffUpdate', 'DiffDelete', 'DiffComplete', 'ResetDiff', 'SetDiffChunkSize'],
};

/** Argument count of a call as written in an example (top-level commas; no nested calls with commas in them needed). */
function argumentCount(code: string, name: string): number {
  const inner = code.slice(code.indexOf(`${name}(`) + name.length + 1, code.lastIndexOf(')'));
  let depth = 0;
  let quote = '';
  let count = inner.trim() === '' ? 0 : 1;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) count++;
  }
  return count;
}

describe('functions that need a connection', () => {
  for (const [category, names] of Object.entries(EXPECTED)) {
    it(`${category}: every function is registered with metadata`, () => {
      const registered = builtins.functions.filter((f) => f.category === category);
      expect(registered.map((f) => f.name).sort()).toEqual([...names].sort());
      for (const spec of registered) {
        expect(spec.summary.length, spec.name).toBeGreaterThan(10);
        expect(spec.signatures.length, spec.name).toBeGreaterThan(0);
        expect(spec.examples.length, spec.name).toBeGreaterThan(0);
        if (spec.impl) continue; // SQLEscape
        expect(spec.needs, spec.name).toMatch(/^(a|an|diff) /);
        const { min, max } = arity(spec);
        for (const example of spec.examples) {
          expect(example.error, spec.name).toBe('SCRIPT_NEEDS_CAPABILITY');
          expect(example.code.startsWith(`${spec.name}(`), spec.name).toBe(true);
          const n = argumentCount(example.code, spec.name);
          expect(n >= min && n <= max, `${spec.name}: ${n} arguments, expected ${min}-${max}`).toBe(true);
        }
      }
    });
  }
});

describe('SQLEscape', () => {
  const sqlEscape = builtins.get('sqlescape')!.impl!;
  it('doubles quotes, and backslashes when asked', () => {
    expect(sqlEscape(["O'Brien's"], testEnv())).toBe("O''Brien''s");
    expect(sqlEscape(['a\\b'], testEnv())).toBe('a\\b');
    expect(sqlEscape(["a\\'b", true], testEnv())).toBe("a\\\\''b");
    expect(sqlEscape([12], testEnv())).toBe('12');
  });
});
