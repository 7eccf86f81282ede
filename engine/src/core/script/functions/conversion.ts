import type { FunctionSpec } from './types.ts';

export const conversionFunctions: FunctionSpec[] = [];
