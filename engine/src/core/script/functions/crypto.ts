import type { FunctionSpec } from './types.ts';

export const cryptoFunctions: FunctionSpec[] = [];
