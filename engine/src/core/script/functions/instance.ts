import type { FunctionSpec } from './types.ts';

export const instanceFunctions: FunctionSpec[] = [];
