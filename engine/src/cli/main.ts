import { Command, CommanderError } from 'commander';
import { ChorusError } from '../core/errors.ts';
import { registerEval } from './commands/eval.ts';
import { registerNew } from './commands/new.ts';
import { registerRun } from './commands/run.ts';
import { registerSecret } from './commands/secret.ts';
import { registerSync } from './commands/sync.ts';
import { registerTest } from './commands/test.ts';
import { registerValidate } from './commands/validate.ts';
import { CliExit, EXIT, line, processIO, type CliIO } from './io.ts';
import { engineVersion } from '../version.ts';

/** Lets a host add commands (`chorus serve` lives in main/, which the engine never imports). */
export interface CliExtensions {
  commands?: (program: Command, io: CliIO, setExit: (code: number) => void) => void;
}

/** Runs the `chorus` command line; returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO(), extensions: CliExtensions = {}): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('chorus')
    .description('Chorus Studio engine: validate and run integration projects')
    .version(engineVersion(), '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run chorus --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText('after', '\nExit codes: 0 success, 1 a run failed, 2 usage or validation error.\nHelp on a command: chorus help <command>');
  const setExit = (code: number) => (exitCode = code);
  registerNew(program, io);
  registerValidate(program, io);
  registerRun(program, io, setExit);
  registerEval(program, io, setExit);
  registerTest(program, io, setExit);
  registerSecret(program, io);
  registerSync(program, io);
  extensions.commands?.(program, io, setExit);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliExit) {
      if (err.message) line(io.stderr, err.message);
      return err.code;
    }
    if (err instanceof ChorusError) {
      line(io.stderr, `chorus: ${err.describe()} [${err.code}]`);
      return EXIT.usage;
    }
    line(io.stderr, `chorus: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT.failed;
  }
}

