import type { FunctionSpec } from './types.ts';

export const debuggingFunctions: FunctionSpec[] = [];
