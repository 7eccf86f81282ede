import type { Readable, Writable } from 'node:stream';

/** The streams a CLI command talks to; tests pass their own. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** Whether stderr is a terminal (progress is shown only then). */
  interactive: boolean;
  /** Working directory that relative paths resolve against. */
  cwd: string;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, interactive: Boolean(process.stderr.isTTY), cwd: process.cwd() };
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by a command to stop with a message on stderr and an exit code. */
export class CliExit extends Error {
  constructor(readonly code: number, message = '') {
    super(message);
  }
}

export function line(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

/** Commander collector of repeated `--var name=value` options. */
export function collectVar(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CliExit(EXIT.usage, `chorus: --var expects name=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** Resolves on the first SIGINT or SIGTERM: how long-running commands (`serve`) wait to stop. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
