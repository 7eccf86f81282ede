/**
 * Logical functions. If, Case and While are intrinsic: the compiler evaluates their
 * arguments lazily (language reference §10), so only their metadata lives here.
 */
import { looseEquals } from '../operators.ts';
import type { FunctionSpec } from './types.ts';

export const logicalFunctions: FunctionSpec[] = [
  {
    name: 'Case',
    category: 'logical',
    summary:
      'Evaluates the conditions in order and returns the value paired with the first true one, or null when none is true; only that value is evaluated. Use `true, default` as the last pair.',
    signatures: [
      {
        params: [
          { name: 'b1', type: 'bool' },
          { name: 'v1', type: 'type' },
          { name: 'b, v', type: 'type', optional: true, rest: true, description: 'further condition, value pairs (up to 50 pairs)' },
        ],
        returns: 'type',
      },
    ],
    examples: [
      { code: 'Case(false, 1, true, 2)', result: { type: 'int', value: 2 } },
      { code: 'x = 15; Case(x < 10, "small", x < 100, "medium", true, "large")', result: { type: 'string', value: 'medium' } },
      { code: 'Case(1 > 2, "a")', result: { type: 'null', value: null } },
      { code: 'Case(true, 1, false)', error: 'SCRIPT_ARGUMENTS' },
    ],
    intrinsic: true,
  },
  {
    name: 'Equal',
    category: 'logical',
    summary:
      'Compares two values and returns one boolean: arrays element by element (false when their sizes differ), scalars with type promotion (Equal(1, "1") is true).',
    signatures: [
      {
        params: [
          { name: 'a1', type: 'array' },
          { name: 'a2', type: 'array' },
        ],
        returns: 'bool',
      },
      {
        params: [
          { name: 'x', type: 'type' },
          { name: 'y', type: 'type' },
        ],
        returns: 'bool',
      },
    ],
    examples: [
      { code: 'Equal({1, 2, {3}}, {1, 2, {3}})', result: { type: 'bool', value: true } },
      { code: 'Equal({1, 2}, {1, 2, 3})', result: { type: 'bool', value: false } },
      { code: 'Equal(1, "1")', result: { type: 'bool', value: true } },
      { code: 'Equal(0, "")', result: { type: 'bool', value: true } },
    ],
    impl: (args) => looseEquals(args[0] ?? null, args[1] ?? null),
  },
  {
    name: 'If',
    category: 'logical',
    summary: 'Evaluates the condition, then only the chosen branch: trueResult when it is true, falseResult (or null when omitted) otherwise.',
    signatures: [
      {
        params: [
          { name: 'condition', type: 'bool' },
          { name: 'trueResult', type: 'type' },
          { name: 'falseResult', type: 'type', optional: true, default: 'null' },
        ],
        returns: 'type',
      },
    ],
    examples: [
      { code: 'If(0, "y", "n")', result: { type: 'string', value: 'n' } },
      { code: 'If("T", 1, 1/0)', result: { type: 'int', value: 1 } },
      { code: 'If(1 > 2, "big")', result: { type: 'null', value: null } },
    ],
    intrinsic: true,
  },
  {
    name: 'While',
    category: 'logical',
    summary:
      'Evaluates the body (which may be a `;` sequence) as long as the condition is true, and returns null. A loop reaching $jitterbit.scripting.while.max_iterations (50,000) iterations stops with an error.',
    signatures: [
      {
        params: [
          { name: 'condition', type: 'bool' },
          { name: 'body', type: 'type' },
        ],
        returns: 'null',
      },
    ],
    examples: [
      { code: 'i = 0; total = 0; While(i < 5, total = total + i; i++); total', result: { type: 'int', value: 10 } },
      { code: 'i = 0; While(i < 3, i++)', result: { type: 'null', value: null } },
      { code: '$jitterbit.scripting.while.max_iterations = 10; i = 0; While(true, i++)', error: 'SCRIPT_LIMIT' },
    ],
    intrinsic: true,
  },
];
