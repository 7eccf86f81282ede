import type { ErrorCode } from './errors.ts';

/** A problem found in a project: shown as `file: json-path: message`. */
export interface Problem {
  severity: 'error' | 'warning';
  code: ErrorCode;
  /** Project file, relative to the project folder, with `/` separators. */
  file: string;
  /** JSON path inside the file, `$` for the whole file. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** `file: json-path: message`; `folder` prefixes the file (e.g. the project folder as the user typed it). */
export function formatProblem(p: Problem, folder?: string): string {
  const file = folder ? `${folder.replace(/[\\/]+$/, '')}/${p.file}` : p.file;
  const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
  return `${where}: ${p.path}: ${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
