// Cancellation shared by the formats, the connectors and the runtime: whoever aborts a run's
// signal gives a ChorusError as the reason (RUN_TIMEOUT for a timeout); anything else is the
// user's cancel.
import { ChorusError } from './core/errors.ts';

/** The error a cancelled run throws: the signal's reason when it is a ChorusError, else RUN_CANCELLED. */
export function abortError(signal: AbortSignal): ChorusError {
  const reason: unknown = signal.reason;
  if (reason instanceof ChorusError) return reason;
  return new ChorusError('RUN_CANCELLED', 'the run was cancelled', {}, false, { cause: reason });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits, unless the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
