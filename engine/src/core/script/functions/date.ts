import type { FunctionSpec } from './types.ts';

export const dateFunctions: FunctionSpec[] = [];
