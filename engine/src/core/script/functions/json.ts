import type { FunctionSpec } from './types.ts';

export const jsonFunctions: FunctionSpec[] = [];
