/**
 * What the language service returns: plain data with 0-based offsets (and 1-based
 * line/column where an editor needs them), so the studio maps it to Monaco types without
 * this code knowing Monaco.
 */
import type { ErrorCode } from '../../errors.ts';

/** Lint findings that are not runtime errors get their own string codes. */
export type LintCode = 'text-outside-trans' | 'unknown-source-field';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: ErrorCode | LintCode;
  message: string;
  /** Offsets into the whole source, `end` exclusive. */
  start: number;
  end: number;
  /** 1-based, as Monaco markers want them; `endColumn` is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type CompletionKind = 'function' | 'variable' | 'global' | 'field' | 'keyword' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line: a signature, a type, a default value. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` holds snippet placeholders (`${1:str}`): insert it as a snippet. */
  snippet?: boolean;
  sortText: string;
  /**
   * The text the item replaces (offsets): the word being typed, including a leading `$` or
   * the last segment of a source path, which Monaco's default word range would get wrong.
   */
  range: { start: number; end: number };
}

export interface Hover {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export interface ParameterHelp {
  /** A substring of the signature label. */
  label: string;
  /** Where `label` sits in the signature label (Monaco accepts these offsets as the label). */
  offsets: [number, number];
  documentation?: string;
}

export interface SignatureInfo {
  label: string;
  documentation?: string;
  parameters: ParameterHelp[];
}

export interface SignatureHelp {
  signatures: SignatureInfo[];
  activeSignature: number;
  activeParameter: number;
}
