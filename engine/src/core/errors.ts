/**
 * Every error the engine reports has a stable code (tests and tools match on it, never on
 * the wording) and, where it has one, a location: the project file and JSON path, the data
 * file and line, the step and the record index.
 */
export type ErrorCode =
  // project files
  | 'PROJECT_NOT_FOUND'
  | 'PROJECT_JSON_SYNTAX'
  | 'PROJECT_INVALID'
  | 'PROJECT_FORMAT_TOO_NEW'
  | 'PROJECT_REFERENCE_MISSING'
  | 'PROJECT_DUPLICATE_NAME'
  | 'PROJECT_DUPLICATE_ID'
  | 'PROJECT_WRITE_FAILED'
  // running
  | 'OPERATION_NOT_FOUND'
  | 'OPERATION_INVALID'
  | 'RUN_CYCLE'
  | 'RUN_CANCELLED'
  | 'RUN_TIMEOUT'
  | 'VARIABLE_UNDEFINED'
  | 'SECRET_MISSING'
  | 'ENDPOINT_KIND_UNKNOWN'
  | 'ENDPOINT_UNREACHABLE'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_UNREADABLE'
  | 'TARGET_FOLDER_MISSING'
  | 'TARGET_WRITE_FAILED'
  | 'TARGET_EXISTS'
  // data
  | 'DATA_CSV_MALFORMED'
  | 'DATA_JSON_MALFORMED'
  | 'DATA_XML_MALFORMED'
  | 'DATA_ENCODING_UNKNOWN'
  | 'DATA_NOT_SERIALIZABLE'
  // transformations and scripts
  | 'TRANSFORM_INVALID'
  | 'TRANSFORM_TYPE'
  | 'FORMULA_UNAVAILABLE'
  | 'FORMULA_FAILED'
  | 'SCRIPT_UNAVAILABLE'
  // the script language (docs/script/errors.md)
  | 'SCRIPT_SYNTAX'
  | 'SCRIPT_UNKNOWN_FUNCTION'
  | 'SCRIPT_ARGUMENTS'
  | 'SCRIPT_TYPE'
  | 'SCRIPT_DIVISION_BY_ZERO'
  | 'SCRIPT_UNINITIALIZED'
  | 'SCRIPT_INDEX'
  | 'SCRIPT_LIMIT'
  | 'SCRIPT_RAISED'
  | 'SCRIPT_FAILED'
  | 'SCRIPT_NEEDS_CAPABILITY'
  | 'SCRIPT_NOT_ALLOWED'
  | 'SCRIPT_UNKNOWN_COMPONENT'
  | 'SCRIPT_JS_ERROR'
  // vault
  | 'VAULT_LOCKED'
  | 'VAULT_CORRUPT'
  // command-line input (e.g. a line of `chorus eval --batch` that is not JSON)
  | 'INPUT_INVALID'
  // anything unexpected
  | 'INTERNAL';

/** Where an error happened. Every field is optional; fill what is known. */
export interface ErrorLocation {
  /** Project file or data file, relative to the project folder when inside it. */
  file?: string;
  /** JSON path inside a project file, e.g. `$.steps[1].activity`. */
  path?: string;
  /** 1-based line in a data or script file. */
  line?: number;
  column?: number;
  /** Name of the operation step. */
  step?: string;
  /** 0-based index of the record within the step. */
  record?: number;
}

export class ChorusError extends Error {
  override readonly name = 'ChorusError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
    /** Transient faults (a busy file, a dropped connection) may succeed when retried. */
    readonly transient = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The message prefixed with its location, as printed to a designer. */
  describe(): string {
    return `${formatLocation(this.location)}${this.message}`;
  }
}

export function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  const lineColumn = loc.line === undefined ? '' : `${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
  if (loc.file) parts.push(lineColumn ? `${loc.file}:${lineColumn}` : loc.file);
  else if (lineColumn) parts.push(lineColumn);
  if (loc.path) parts.push(loc.path);
  if (loc.step) parts.push(`step "${loc.step}"`);
  if (loc.record !== undefined) parts.push(`record ${loc.record}`);
  return parts.length ? `${parts.join(': ')}: ` : '';
}

/** Wraps anything thrown into a ChorusError, keeping a ChorusError as it is. */
export function toChorusError(err: unknown, fallback: ErrorCode = 'INTERNAL', location: ErrorLocation = {}): ChorusError {
  if (err instanceof ChorusError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ChorusError(fallback, message, location, false, { cause: err });
}

/** The code of a system error (`ENOENT`, `EACCES`...), when `err` has one. */
export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
