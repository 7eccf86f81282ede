import { bool, opt } from './args.ts';
import type { FunctionSpec } from './types.ts';

export const debuggingFunctions: FunctionSpec[] = [
  {
    name: 'DebugBreak',
    category: 'debugging',
    summary: 'In an interactive test run, pauses when `condition` is true; Chorus has no such pause yet, so it does nothing and returns false.',
    signatures: [{ params: [{ name: 'condition', type: 'bool', optional: true, default: 'true' }], returns: 'bool' }],
    examples: [
      { code: 'DebugBreak()', result: { type: 'bool', value: false } },
      { code: 'DebugBreak(1 == 1)', result: { type: 'bool', value: false } },
    ],
    // The condition is still converted, so a value that is no bool fails as it would when interactive.
    impl(args) {
      opt(args, 0, bool, true);
      return false;
    },
  },
];
