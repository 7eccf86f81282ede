/** The built-in function library, one module per category. */
import { cacheFunctions } from './cache.ts';
import { conversionFunctions } from './conversion.ts';
import { cryptoFunctions } from './crypto.ts';
import { dateFunctions } from './date.ts';
import { debuggingFunctions } from './debugging.ts';
import { dictionaryFunctions } from './dictionary.ts';
import { environmentFunctions } from './environment.ts';
import { fileFunctions } from './file.ts';
import { generalFunctions } from './general.ts';
import { instanceFunctions } from './instance.ts';
import { jsonFunctions } from './json.ts';
import { loggingFunctions } from './logging.ts';
import { logicalFunctions } from './logical.ts';
import { mathFunctions } from './math.ts';
import { FunctionTable } from './registry.ts';
import { stringFunctions } from './string.ts';
import type { FunctionSpec } from './types.ts';
import { unavailableFunctions } from './unavailable.ts';
import { validationFunctions } from './validation.ts';
import { xmlFunctions } from './xml.ts';

export const builtinFunctions: readonly FunctionSpec[] = [
  ...cacheFunctions,
  ...conversionFunctions,
  ...cryptoFunctions,
  ...dateFunctions,
  ...debuggingFunctions,
  ...dictionaryFunctions,
  ...environmentFunctions,
  ...fileFunctions,
  ...generalFunctions,
  ...instanceFunctions,
  ...jsonFunctions,
  ...loggingFunctions,
  ...logicalFunctions,
  ...mathFunctions,
  ...stringFunctions,
  ...unavailableFunctions,
  ...validationFunctions,
  ...xmlFunctions,
];

export const builtins = new FunctionTable(builtinFunctions);
