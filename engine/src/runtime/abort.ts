import { ChorusError } from '../core/errors.ts';

/** The reason given to an AbortController when an operation's timeout fires. */
export class TimeoutReason extends Error {
  constructor(readonly seconds: number) {
    super(`the operation took longer than its timeout of ${seconds} s`);
  }
}

/** Turns an aborted signal's reason into the ChorusError the run reports. */
export function abortError(signal: AbortSignal): ChorusError {
  const reason: unknown = signal.reason;
  if (reason instanceof TimeoutReason) return new ChorusError('RUN_TIMEOUT', reason.message);
  if (reason instanceof ChorusError) return reason;
  return new ChorusError('RUN_CANCELLED', 'the run was cancelled');
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
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
