/**
 * A small function table for the language service's tests, so they do not depend on the
 * built-in library being complete.
 */
import type { Schema } from '../../model/schema.ts';
import { FunctionTable } from '../functions/registry.ts';
import type { FunctionSpec } from '../functions/types.ts';

const specs: FunctionSpec[] = [
  {
    name: 'Left',
    category: 'string',
    summary: 'The first `n` characters of a string.',
    signatures: [
      {
        params: [
          { name: 'str', type: 'string', description: 'the text' },
          { name: 'n', type: 'int', description: 'how many characters' },
        ],
        returns: 'string',
      },
    ],
    examples: [{ code: 'Left("Chorus", 3)', result: { type: 'string', value: 'Cho' } }],
  },
  {
    name: 'Mid',
    category: 'string',
    summary: 'Part of a string.',
    signatures: [
      {
        params: [
          { name: 'str', type: 'string' },
          { name: 'm', type: 'int' },
          { name: 'n', type: 'int', optional: true },
        ],
        returns: 'string',
      },
    ],
    examples: [],
  },
  {
    name: 'Length',
    category: 'string',
    summary: 'The number of characters of a string or members of an array.',
    signatures: [{ params: [{ name: 'value', type: 'type' }], returns: 'int' }],
    examples: [{ code: 'Length("hello")', result: { type: 'int', value: 5 } }],
  },
  {
    name: 'If',
    category: 'logical',
    summary: 'Evaluates one of two branches.',
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
    examples: [],
    intrinsic: true,
  },
  {
    name: 'Round',
    category: 'math',
    summary: 'Rounds a number.',
    signatures: [
      { params: [{ name: 'd', type: 'double' }], returns: 'int' },
      {
        params: [
          { name: 'd', type: 'double' },
          { name: 'places', type: 'int' },
        ],
        returns: 'double',
      },
    ],
    examples: [],
  },
  {
    name: 'Concat',
    category: 'string',
    summary: 'Joins its arguments as strings.',
    signatures: [
      {
        params: [
          { name: 'first', type: 'string' },
          { name: 'arg', type: 'string', rest: true },
        ],
        returns: 'string',
      },
    ],
    examples: [],
  },
  {
    name: 'Dict',
    category: 'dictionary',
    summary: 'A new, empty dictionary.',
    aliases: ['Map'],
    signatures: [{ params: [], returns: 'dictionary' }],
    examples: [],
  },
  {
    name: 'Now',
    category: 'date',
    summary: 'The current date and time.',
    signatures: [{ params: [], returns: 'date' }],
    examples: [{ code: 'Now()', matches: '^\\d{4}-' }],
    volatile: true,
  },
  {
    name: 'ArgumentList',
    category: 'general',
    summary: 'Copies the script arguments into locals.',
    signatures: [{ params: [{ name: 'name', type: 'var', rest: true }], returns: 'null' }],
    examples: [],
    intrinsic: true,
  },
  {
    name: 'DBLookup',
    category: 'database',
    summary: 'The first field of the first row of a query.',
    signatures: [
      {
        params: [
          { name: 'database', type: 'string' },
          { name: 'sql', type: 'string' },
        ],
        returns: 'string',
      },
    ],
    examples: [],
    needs: 'a database connection',
  },
  {
    name: 'Sleep',
    category: 'general',
    summary: 'Waits a number of seconds.',
    signatures: [{ params: [{ name: 'seconds', type: 'int' }], returns: 'null' }],
    examples: [],
    async: true,
  },
];

export const sampleFunctions = new FunctionTable(specs);

export const orderSchema: Schema = {
  id: 'orders',
  name: 'Orders',
  fields: [
    { name: 'orderId', type: 'string' },
    {
      name: 'customer',
      type: 'object',
      children: [
        { name: 'name', type: 'string' },
        {
          name: 'contact',
          type: 'object',
          repeating: true,
          children: [
            { name: 'Email', type: 'string' },
            { name: 'Phone', type: 'string' },
          ],
        },
      ],
    },
    { name: 'total', type: 'number' },
  ],
};

/** Splits `text¦more` into the text without the marker and the cursor offset it marks. */
export function cursor(marked: string): [string, number] {
  const at = marked.indexOf('¦');
  if (at < 0) throw new Error('no ¦ cursor marker');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}
