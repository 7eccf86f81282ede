import type { FunctionSpec } from './types.ts';

export const unavailableFunctions: FunctionSpec[] = [];
