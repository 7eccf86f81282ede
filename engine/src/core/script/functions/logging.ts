import type { FunctionSpec } from './types.ts';

export const loggingFunctions: FunctionSpec[] = [];
