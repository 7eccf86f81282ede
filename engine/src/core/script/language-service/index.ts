/**
 * The Chorus Script language service: diagnostics, completion, hover and signature help
 * for the studio's script editor, as plain data (docs/script/language-service.md). Pure: it
 * runs in the renderer, in tests and in the CLI alike.
 */
import { builtins } from '../functions/index.ts';
import { complete } from './completions.ts';
import { parser, type LanguageServiceOptions } from './context.ts';
import { diagnose } from './diagnostics.ts';
import { hoverAt } from './hover.ts';
import { signatureAt } from './signature-help.ts';
import type { CompletionItem, Diagnostic, Hover, SignatureHelp } from './types.ts';

export type { LanguageServiceOptions } from './context.ts';
export type * from './types.ts';
export { LineIndex, type Position } from './positions.ts';
export { createMonarchLanguage, languageConfiguration, LANGUAGE_ID } from './monarch.ts';

export interface LanguageService {
  diagnostics(source: string): Diagnostic[];
  /** `offset` is the cursor, 0-based. */
  completions(source: string, offset: number): CompletionItem[];
  hover(source: string, offset: number): Hover | undefined;
  signatureHelp(source: string, offset: number): SignatureHelp | undefined;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const functions = options.functions ?? builtins;
  const parse = parser();
  return {
    diagnostics: (source) => diagnose(parse(source), functions, options),
    completions: (source, offset) => complete(source, offset, functions, options),
    hover: (source, offset) => hoverAt(parse(source), offset, functions, options),
    signatureHelp: (source, offset) => signatureAt(source, offset, functions),
  };
}
