import type { FunctionSpec } from './types.ts';

export const environmentFunctions: FunctionSpec[] = [];
