import { PassThrough, Readable } from 'node:stream';
import { main } from './main.ts';

/** What a command printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Test support: runs `chorus <args>` in-process with its own streams and working folder. */
export async function runChorus(args: string[], options: { cwd: string; stdin?: string; interactive?: boolean }): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const code = await main(args, { stdout, stderr, stdin: Readable.from([options.stdin ?? '']), interactive: options.interactive ?? false, cwd: options.cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
