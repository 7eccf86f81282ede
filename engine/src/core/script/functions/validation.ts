import type { FunctionSpec } from './types.ts';

export const validationFunctions: FunctionSpec[] = [];
