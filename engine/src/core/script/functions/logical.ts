import type { FunctionSpec } from './types.ts';

export const logicalFunctions: FunctionSpec[] = [];
