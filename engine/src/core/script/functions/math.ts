/**
 * Math functions. Arguments are converted to numbers first (null is 0, a string its leading
 * number). A result that is not a finite number (Log(0), Sqrt(-1), Pow(0, -1), Exp(1000))
 * fails instead of carrying `nan` or `inf` into the data.
 */
import { formatNumber } from '../convert.ts';
import { failed } from '../errors.ts';
import { int, num, opt } from './args.ts';
import { fixedText } from './printf.ts';
import type { FunctionSpec, ParamType, Signature } from './types.ts';

const ofNumber = (returns: ParamType, name = 'd'): Signature[] => [{ params: [{ name, type: 'double' }], returns }];

/** `x` when it is a finite number (-0 made 0), otherwise a failure. */
function finite(x: number): number {
  if (!Number.isFinite(x)) throw failed(`the result (${formatNumber(x)}) is not a finite number`);
  return x === 0 ? 0 : x;
}

/** Fails unless `d` is above (or, with `orZero`, at) zero: the domain of Log, Log10 and Sqrt. */
function positive(d: number, orZero: boolean, what: string): number {
  if (d < 0 || (d === 0 && !orZero)) throw failed(`the ${what} of ${formatNumber(d)} is undefined`, 0);
  return d;
}

export const mathFunctions: FunctionSpec[] = [
  {
    name: 'Ceiling',
    category: 'math',
    summary: 'The smallest integer greater than or equal to a number.',
    signatures: ofNumber('int'),
    examples: [
      { code: 'Ceiling(1.2)', result: { type: 'int', value: 2 } },
      { code: 'Ceiling(-1.5)', result: { type: 'int', value: -1 } },
      { code: 'Ceiling("3")', result: { type: 'int', value: 3 } },
    ],
    impl: (args) => finite(Math.ceil(num(args, 0))),
  },
  {
    name: 'Exp',
    category: 'math',
    summary: 'e raised to the power of a number.',
    signatures: ofNumber('double'),
    examples: [
      { code: 'Exp(0)', result: { type: 'int', value: 1 } },
      { code: 'Exp(1)', result: { type: 'double', value: Math.E } },
      { code: 'Exp(1000)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => finite(Math.exp(num(args, 0))),
  },
  {
    name: 'Floor',
    category: 'math',
    summary: 'The largest integer less than or equal to a number.',
    signatures: ofNumber('int'),
    examples: [
      { code: 'Floor(1.8)', result: { type: 'int', value: 1 } },
      { code: 'Floor(-1.5)', result: { type: 'int', value: -2 } },
    ],
    impl: (args) => finite(Math.floor(num(args, 0))),
  },
  {
    name: 'Log',
    category: 'math',
    summary: 'The natural logarithm of a positive number.',
    signatures: ofNumber('double'),
    examples: [
      { code: 'Log(1)', result: { type: 'int', value: 0 } },
      { code: 'Log(Exp(2))', result: { type: 'int', value: 2 } },
      { code: 'Log(0)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => Math.log(positive(num(args, 0), false, 'logarithm')),
  },
  {
    name: 'Log10',
    category: 'math',
    summary: 'The base-10 logarithm of a positive number.',
    signatures: ofNumber('double'),
    examples: [
      { code: 'Log10(1000)', result: { type: 'int', value: 3 } },
      { code: 'Log10(0.01)', result: { type: 'int', value: -2 } },
      { code: 'Log10(-1)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => Math.log10(positive(num(args, 0), false, 'logarithm')),
  },
  {
    name: 'Mod',
    category: 'math',
    summary: 'The remainder of dividing two integers (operands truncated), with the sign of the numerator; a denominator of 0 gives the numerator.',
    signatures: [
      {
        params: [
          { name: 'numerator', type: 'int' },
          { name: 'denominator', type: 'int' },
        ],
        returns: 'int',
      },
    ],
    examples: [
      { code: 'Mod(7, 3)', result: { type: 'int', value: 1 } },
      { code: 'Mod(-7, 3)', result: { type: 'int', value: -1 } },
      { code: 'Mod(7, 0)', result: { type: 'int', value: 7 } },
      { code: 'Mod(7.9, 2.9)', result: { type: 'int', value: 1 } },
    ],
    impl: (args) => {
      const n = int(args, 0);
      const d = int(args, 1);
      return d === 0 ? n : (n % d) + 0; // + 0 turns -0 into 0
    },
  },
  {
    name: 'Pow',
    category: 'math',
    summary: 'A base raised to an exponent; Pow(0, 0) is 1.',
    signatures: [
      {
        params: [
          { name: 'base', type: 'double' },
          { name: 'exponent', type: 'double' },
        ],
        returns: 'double',
      },
    ],
    examples: [
      { code: 'Pow(2, 10)', result: { type: 'int', value: 1024 } },
      { code: 'Pow(4, 0.5)', result: { type: 'int', value: 2 } },
      { code: 'Pow(2, -1)', result: { type: 'double', value: 0.5 } },
      { code: 'Pow(-8, 1/3)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => finite(Math.pow(num(args, 0), num(args, 1))),
  },
  {
    name: 'Round',
    category: 'math',
    summary: 'Rounds a number to numPlaces decimals and returns it as text with exactly that many decimals (printf %.nf); halves go away from zero.',
    signatures: [
      {
        params: [
          { name: 'd', type: 'double' },
          { name: 'numPlaces', type: 'int', optional: true, default: '0' },
        ],
        returns: 'string',
      },
    ],
    examples: [
      { code: 'Round(12.345, 1)', result: { type: 'string', value: '12.3' } },
      { code: 'Round(2, 2)', result: { type: 'string', value: '2.00' } },
      { code: 'Round(1.5)', result: { type: 'string', value: '2' } },
      { code: 'Round(1, -1)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => {
      const places = opt(args, 1, int, 0);
      if (places < 0) throw failed(`the number of decimal places cannot be negative (${places})`, 1);
      return fixedText(num(args, 0), places);
    },
  },
  {
    name: 'RoundToInt',
    category: 'math',
    summary: 'The nearest integer; halves go away from zero.',
    signatures: ofNumber('int'),
    examples: [
      { code: 'RoundToInt(2.5)', result: { type: 'int', value: 3 } },
      { code: 'RoundToInt(-2.5)', result: { type: 'int', value: -3 } },
      { code: 'RoundToInt("7.49")', result: { type: 'int', value: 7 } },
    ],
    impl: (args) => {
      const d = num(args, 0);
      return finite(Math.sign(d) * Math.round(Math.abs(d)));
    },
  },
  {
    name: 'Sqrt',
    category: 'math',
    summary: 'The square root of a number that is not negative.',
    signatures: ofNumber('double'),
    examples: [
      { code: 'Sqrt(16)', result: { type: 'int', value: 4 } },
      { code: 'Sqrt(2)', result: { type: 'double', value: Math.SQRT2 } },
      { code: 'Sqrt(-1)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => Math.sqrt(positive(num(args, 0), true, 'square root')),
  },
];
