import type { FunctionSpec } from './types.ts';

export const dictionaryFunctions: FunctionSpec[] = [];
