import type { FunctionSpec } from './types.ts';

export const mathFunctions: FunctionSpec[] = [];
