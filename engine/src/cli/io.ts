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
