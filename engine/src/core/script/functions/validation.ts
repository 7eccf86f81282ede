/**
 * Text validation: the check a validation script attached to a source file-format field
 * runs. The reference reads the field's text from the script argument `_1`; a function
 * cannot see its caller's locals, so Chorus takes it as a fourth argument
 * (`Validate(op, arg, ignoreCase, value)`, what the file-format validation hook passes) and
 * falls back to a global named `_1`.
 */
import { toStr } from '../convert.ts';
import { failed } from '../errors.ts';
import { bool, opt, str } from './args.ts';
import { compileRegex } from './regex.ts';
import type { FunctionSpec } from './types.ts';

type Check = (value: string, arg: string, ignoreCase: boolean) => boolean;

const NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/** Numbers when both texts are numbers, otherwise text (folded when ignoring case). */
function compare(a: string, b: string, ignoreCase: boolean): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Math.sign(Number(a) - Number(b));
  const [x, y] = ignoreCase ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A comma-separated list in `arg`, items trimmed. */
function items(arg: string): string[] {
  return arg.split(',').map((s) => s.trim());
}

function contains(value: string, arg: string, ignoreCase: boolean): boolean {
  return ignoreCase ? value.toLowerCase().includes(arg.toLowerCase()) : value.includes(arg);
}

function oneOf(value: string, arg: string, ignoreCase: boolean): boolean {
  return items(arg).some((item) => compare(value, item, ignoreCase) === 0);
}

function between(value: string, arg: string, ignoreCase: boolean): boolean {
  const range = items(arg);
  if (range.length !== 2) throw failed(`Between needs "low,high", got "${arg}"`, 1);
  return compare(value, range[0], ignoreCase) >= 0 && compare(value, range[1], ignoreCase) <= 0;
}

const CHECKS = new Map<string, Check>(Object.entries({
  '=': (v, a, i) => compare(v, a, i) === 0,
  '!=': (v, a, i) => compare(v, a, i) !== 0,
  '<': (v, a, i) => compare(v, a, i) < 0,
  '<=': (v, a, i) => compare(v, a, i) <= 0,
  '>': (v, a, i) => compare(v, a, i) > 0,
  '>=': (v, a, i) => compare(v, a, i) >= 0,
  contains,
  'does not contain': (v, a, i) => !contains(v, a, i),
  'one of': oneOf,
  'not one of': (v, a, i) => !oneOf(v, a, i),
  between,
  'not between': (v, a, i) => !between(v, a, i),
  regex: (v, a, i) => compileRegex(a, { whole: true, ignoreCase: i }, 1).exec(v) !== null,
} satisfies Record<string, Check>));

export const validationFunctions: FunctionSpec[] = [
  {
    name: 'Validate',
    category: 'validation',
    summary:
      'Checks the value of a source field against an operation (=, !=, <, <=, >, >=, Contains, Does Not Contain, One Of, Not One Of, Between, Not Between, Regex) and an argument; numbers compare as numbers. The value is the fourth argument, or the global `_1`.',
    signatures: [
      {
        params: [
          { name: 'op', type: 'string' },
          { name: 'arg', type: 'string' },
          { name: 'ignoreCase', type: 'bool', optional: true, default: 'false' },
          { name: 'value', type: 'string', optional: true, default: '$_1', description: 'the text to validate (Chorus; the reference reads `_1`)' },
        ],
        returns: 'bool',
      },
    ],
    examples: [
      { code: 'Validate("One Of", "NY, CA, TX", false, "CA")', result: { type: 'bool', value: true } },
      { code: 'Validate("Between", "1,10", false, "10.0")', result: { type: 'bool', value: true } },
      { code: 'Validate("Contains", "BIT", true, "Jitterbit")', result: { type: 'bool', value: true } },
      { code: 'Validate("Regex", "\\\\d{5}", false, "1234")', result: { type: 'bool', value: false } },
    ],
    impl: (args, env) => {
      const op = str(args, 0).trim().replace(/\s+/g, ' ').toLowerCase();
      const check = CHECKS.get(op);
      if (!check) throw failed(`"${str(args, 0)}" is not a validation operation (use one of =, !=, <, <=, >, >=, Contains, Does Not Contain, One Of, Not One Of, Between, Not Between, Regex)`, 0);
      const value = args.length > 3 ? str(args, 3) : toStr(env.globals.get('_1'));
      return check(value, str(args, 1), opt(args, 2, bool, false));
    },
  },
];
