import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { z } from 'zod';
import { ChorusError, errnoOf, type ErrorCode } from '../core/errors.ts';
import type { Endpoint } from '../core/model/endpoint.ts';
import type { ConnectorContext } from './types.ts';

/** Parses an endpoint's settings with its kind's schema; the loader validated them, this is the last guard. */
export function parseSettings<T extends z.ZodType>(schema: T, endpoint: Endpoint): z.output<T> {
  const parsed = schema.safeParse(endpoint.settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `settings.${issue.path.join('.')}: ` : 'settings: ';
  throw new ChorusError('PROJECT_INVALID', `endpoint "${endpoint.name}": ${where}${issue?.message ?? 'invalid'}`);
}

/** A path as shown to the designer: relative to the project folder (with `/`) when inside it, else absolute. */
export function displayPath(ctx: ConnectorContext, absolute: string): string {
  const relative = path.relative(ctx.projectDir, absolute);
  if (relative === '') return '.';
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join('/');
}

/** Faults that may go away by themselves, so a retry policy may try again. */
const TRANSIENT = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETIMEDOUT']);

/** Wraps a file system error, keeping a ChorusError as it is and marking transient faults. */
export function fsError(code: ErrorCode, err: unknown, message: string, file: string): ChorusError {
  if (err instanceof ChorusError) return err;
  const errno = errnoOf(err);
  const reason = errno ?? (err instanceof Error ? err.message : String(err));
  return new ChorusError(code, `${message} (${reason})`, { file }, TRANSIENT.has(errno ?? ''), { cause: err });
}

/** A file name must name a file inside its folder: no separators (of any platform), not `.` or `..`. */
export function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\]/.test(name) && !name.includes('\0');
}

/** Ends a target's stream if the writer has not, and waits until its bytes are flushed and it is closed. */
export async function finishWriting(stream: Writable): Promise<void> {
  if (!stream.writableEnded) stream.end();
  await finished(stream);
}
