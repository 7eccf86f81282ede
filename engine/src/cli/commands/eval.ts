import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { ChorusError, toChorusError } from '../../core/errors.ts';
import { createEnv, Globals } from '../../core/script/env.ts';
import { evaluateAsync, formatResult } from '../../core/script/evaluate.ts';
import { MemoryCache } from '../../core/script/memory-cache.ts';
import { toTyped } from '../../core/script/values.ts';
import { localHost } from '../../script/host.ts';
import { CliExit, collectVar, EXIT, line, type CliIO } from '../io.ts';

interface EvalOptions {
  var: Record<string, string>;
  json?: boolean;
  batch?: boolean;
  timeout: string;
}

export function registerEval(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description('evaluate a Chorus Script and print its result')
    .argument('[script]', 'the script; read from stdin when omitted. Without <trans> tags the text is the script body')
    .option('--var <name=value>', 'set a global variable (repeatable)', collectVar, {})
    .option('--json', 'print the result as {"type": ..., "value": ...}')
    .option('--batch', 'read JSON lines {"id", "script"} on stdin and write one JSON result line per input')
    .option('--timeout <seconds>', 'stop a script that runs longer than this', '30')
    .addHelpText(
      'after',
      '\nExamples:\n  chorus eval \'Left("Jitterbit", 3)\'\n  chorus eval --json \'<trans> d = Dict(); d["a"] = 1; d </trans>\'\n  echo \'{"id": 1, "script": "1 + 2"}\' | chorus eval --batch\n\nExit codes: 0 every script evaluated, 1 a script failed, 2 usage error.',
    )
    .action(async (script: string | undefined, opts: EvalOptions) => {
      const seconds = Number(opts.timeout);
      if (!(seconds > 0)) throw new CliExit(EXIT.usage, `chorus: --timeout expects a number of seconds, got "${opts.timeout}"`);
      if (opts.batch) {
        if (script !== undefined) throw new CliExit(EXIT.usage, 'chorus: --batch reads its scripts from stdin; give no script argument');
        setExit((await evalBatch(io, opts.var, seconds)) ? EXIT.ok : EXIT.failed);
        return;
      }
      const source = script ?? (await readAll(io.stdin));
      try {
        const value = await run(source, opts.var, seconds, io);
        line(io.stdout, opts.json ? JSON.stringify(toTyped(value)) : formatResult(value));
      } catch (err) {
        const e = toChorusError(err);
        throw new CliExit(EXIT.failed, `chorus: ${e.describe()} [${e.code}]`);
      }
    });
}

/** Scripts typed at a prompt rarely carry the tags; text without them is the script body. */
function withTags(source: string): string {
  return source.includes('<trans>') ? source : `<trans>${source}</trans>`;
}

function run(source: string, variables: Record<string, string>, seconds: number, io: CliIO) {
  const host = localHost({
    log: (level, message) => line(io.stderr, `${level}: ${message}`),
    cache: new MemoryCache(() => Date.now()),
  });
  const env = createEnv({ host, globals: new Globals(new Map(Object.entries(variables))), async: true, deadline: Date.now() + seconds * 1000 });
  return evaluateAsync(withTags(source), env);
}

/** Evaluates each line's script in a fresh scope; one bad line never stops the batch. */
async function evalBatch(io: CliIO, variables: Record<string, string>, seconds: number): Promise<boolean> {
  let allOk = true;
  for await (const text of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    let id: unknown = null;
    let out: Record<string, unknown>;
    try {
      const input = parseBatchLine(text);
      id = input.id ?? null;
      if (typeof input.script !== 'string') throw new ChorusError('INPUT_INVALID', 'each line must be a JSON object {"id": ..., "script": "..."}');
      out = { id, ok: true, ...toTyped(await run(input.script, variables, seconds, io)) };
    } catch (err) {
      const e = toChorusError(err);
      out = { id, ok: false, code: e.code, error: e.describe() };
      allOk = false;
    }
    line(io.stdout, JSON.stringify(out));
  }
  return allOk;
}

function parseBatchLine(text: string): { id?: unknown; script?: unknown } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new ChorusError('INPUT_INVALID', `the line is not JSON: ${(err as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ChorusError('INPUT_INVALID', 'each line must be a JSON object {"id": ..., "script": "..."}');
  return input;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
