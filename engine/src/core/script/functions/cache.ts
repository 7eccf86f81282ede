import type { FunctionSpec } from './types.ts';

export const cacheFunctions: FunctionSpec[] = [];
