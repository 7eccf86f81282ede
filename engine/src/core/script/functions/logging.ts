/**
 * Logging and errors: the operation's last error (GetLastError, SetLastError, RaiseError)
 * and the operation log. The last error lives in `env.state` so a script step, the
 * formulas of a transformation and `Eval` share it within one operation.
 */
import { scriptError } from '../errors.ts';
import { str } from './args.ts';
import type { FunctionSpec } from './types.ts';

const message = { name: 'message', type: 'string' } as const;

export const loggingFunctions: FunctionSpec[] = [
  {
    name: 'GetLastError',
    category: 'logging',
    summary: 'The last error of the current operation (a failed function, RaiseError, SetLastError, an error caught by Eval), or "" when there is none.',
    signatures: [{ params: [], returns: 'string' }],
    examples: [
      { code: 'GetLastError()', result: { type: 'string', value: '' } },
      { code: 'SetLastError("no rows"); GetLastError()', result: { type: 'string', value: 'no rows' } },
      { code: 'Eval(RaiseError("bad id"), GetLastError())', result: { type: 'string', value: 'bad id' } },
    ],
    impl: (_args, env) => env.state.lastError,
  },
  {
    name: 'RaiseError',
    category: 'logging',
    summary: 'Stops the script (and its operation) with the message, which also becomes the last error. Eval catches it.',
    signatures: [{ params: [message], returns: 'void' }],
    examples: [
      { code: 'RaiseError("customer id is missing")', error: 'SCRIPT_RAISED' },
      { code: 'Eval(RaiseError("stop"), "caught")', result: { type: 'string', value: 'caught' } },
    ],
    impl: (args, env) => {
      const text = str(args, 0);
      env.state.lastError = text;
      throw scriptError('SCRIPT_RAISED', text);
    },
  },
  {
    name: 'ResetLastError',
    category: 'logging',
    summary: 'Clears the last error (sets it to ""), without logging anything.',
    signatures: [{ params: [], returns: 'void' }],
    examples: [
      { code: 'SetLastError("x"); ResetLastError(); GetLastError()', result: { type: 'string', value: '' } },
      { code: 'ResetLastError()', result: { type: 'null', value: null } },
    ],
    impl: (_args, env) => {
      env.state.lastError = '';
      return null;
    },
  },
  {
    name: 'SetLastError',
    category: 'logging',
    summary: 'Sets the last error and writes it to the operation log as a warning; the script goes on.',
    signatures: [{ params: [message], returns: 'void' }],
    examples: [
      { code: 'SetLastError("skipped 3 rows"); GetLastError()', result: { type: 'string', value: 'skipped 3 rows' } },
      { code: 'SetLastError("warning only")', result: { type: 'null', value: null } },
    ],
    impl: (args, env) => {
      const text = str(args, 0);
      env.state.lastError = text;
      env.host.log('warning', text);
      return null;
    },
  },
  {
    name: 'WriteToOperationLog',
    category: 'logging',
    summary: 'Writes the message (any value, as its string form) to the operation log and returns that text.',
    signatures: [{ params: [{ name: 'message', type: 'type' }], returns: 'string' }],
    examples: [
      { code: 'WriteToOperationLog("loaded " + 12 + " rows")', result: { type: 'string', value: 'loaded 12 rows' } },
      { code: 'WriteToOperationLog({1, 2})', result: { type: 'string', value: '{1,2}' } },
      { code: 'WriteToOperationLog(true)', result: { type: 'string', value: '1' } },
    ],
    impl: (args, env) => {
      const text = str(args, 0);
      env.host.log('info', text);
      return text;
    },
  },
];
