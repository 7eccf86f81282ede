/** What every feature of the service shares: the options and one parse per source text. */
import type { Schema } from '../../model/schema.ts';
import type { Program } from '../ast.ts';
import type { FunctionTable } from '../functions/registry.ts';
import { parseScript } from '../parser.ts';
import { LineIndex } from './positions.ts';

export interface LanguageServiceOptions {
  /** The functions scripts can call; the built-in library by default. */
  functions?: FunctionTable;
  /** The transformation's source schema, for source references in mapping formulas. */
  sourceSchema?: Schema;
  /** Names of the project's variables (without `$`), offered after `$`. */
  projectVariables?: string[];
  /**
   * The script is a mapping formula: it runs once per record, cannot wait, and may read
   * source references. Defaults to true when a `sourceSchema` is given.
   */
  formula?: boolean;
}

export const isFormula = (options: LanguageServiceOptions) => options.formula ?? options.sourceSchema !== undefined;

export interface Parsed {
  source: string;
  program: Program;
  errors: { message: string; start: number; end: number }[];
  lines: LineIndex;
}

/**
 * Parses `source`, reusing the last result: the editor asks for diagnostics, completion and
 * hover on the same text in a row.
 */
export function parser(): (source: string) => Parsed {
  let last: Parsed | undefined;
  return (source) => {
    if (last?.source !== source) {
      const { program, errors } = parseScript(source);
      last = { source, program, errors, lines: new LineIndex(source) };
    }
    return last;
  };
}
