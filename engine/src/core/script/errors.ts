import { ChorusError, type ErrorCode, type ErrorLocation } from '../errors.ts';

/**
 * An error raised while parsing or running a script. Functions throw it without a place;
 * the compiled call that invoked them adds the function name, the argument and the
 * line:column of the call (see `locate`), so the designer reads
 * `script.chs:3:7: Left: argument 2 (n): cannot convert an array to a number`.
 */
export class ScriptError extends ChorusError {
  /** Set once the error names its function and position; outer calls leave it alone. */
  located = false;

  constructor(
    code: ErrorCode,
    message: string,
    location: ErrorLocation = {},
    /** 0-based index of the function argument that was wrong, when one was. */
    public argument?: number,
  ) {
    super(code, message, location);
  }
}

export function scriptError(code: ErrorCode, message: string, argument?: number): ScriptError {
  return new ScriptError(code, message, {}, argument);
}

/** A type error: a value that cannot be converted or used with an operator. */
export function typeError(message: string, argument?: number): ScriptError {
  return new ScriptError('SCRIPT_TYPE', message, {}, argument);
}

/** A function that could not do its work (an invalid date, a missing file). */
export function failed(message: string, argument?: number): ScriptError {
  return new ScriptError('SCRIPT_FAILED', message, {}, argument);
}

/** 1-based line and column of an offset in a source text. */
export function lineColumnOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
