import type { RunEvent } from '../runtime/run-log.ts';
import type { CliIO } from './io.ts';

/** Shows the running step and its record count on one terminal line; silent when not a terminal. */
export function progressReporter(io: CliIO): { onEvent: (e: RunEvent) => void; done: () => void } {
  if (!io.interactive) return { onEvent: () => undefined, done: () => undefined };
  const started = performance.now();
  let shown = false;
  let current = '';
  const show = (text: string) => {
    io.stderr.write(`\r\x1b[2K${text}`);
    shown = true;
  };
  return {
    onEvent(e) {
      const elapsed = ((performance.now() - started) / 1000).toFixed(1);
      if (e.type === 'run-started') current = e.operationName;
      else if (e.type === 'step-progress') show(`${current}: ${e.kind} "${e.step}" ${e.records.toLocaleString('en-US')} records  ${elapsed}s`);
      else if (e.type === 'run-retrying') show(`${current}: attempt ${e.attempt} failed, retrying in ${e.delayMs} ms`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}
