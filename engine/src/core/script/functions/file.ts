import type { FunctionSpec } from './types.ts';

export const fileFunctions: FunctionSpec[] = [];
