import type { FunctionSpec } from './types.ts';

export const generalFunctions: FunctionSpec[] = [];
