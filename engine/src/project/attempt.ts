import { ChorusError } from '../core/errors.ts';

/**
 * Runs a file system action of a save, create or copy, turning its failure into
 * PROJECT_WRITE_FAILED about `file` ("cannot <what>: <reason>"). A ChorusError passes as it is.
 */
export async function attempt<T>(file: string, action: () => Promise<T>, what = `write ${file}`): Promise<T> {
  try {
    return await action();
  } catch (err) {
    throw writeFailed(file, err, what);
  }
}

export function writeFailed(file: string, err: unknown, what = `write ${file}`): ChorusError {
  if (err instanceof ChorusError) return err;
  return new ChorusError('PROJECT_WRITE_FAILED', `cannot ${what}: ${(err as Error).message}`, { file }, false, { cause: err });
}
