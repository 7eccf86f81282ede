import type { FunctionSpec } from './types.ts';

export const xmlFunctions: FunctionSpec[] = [];
