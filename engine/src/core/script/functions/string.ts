import type { FunctionSpec } from './types.ts';

export const stringFunctions: FunctionSpec[] = [];
