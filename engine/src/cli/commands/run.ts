import type { Command } from 'commander';
import { ChorusError } from '../../core/errors.ts';
import { openDefaultVault } from '../../vault/file-vault.ts';
import { resolveSecretVariables } from '../../vault/secrets.ts';
import { runOperation } from '../../runtime/run.ts';
import { chainSucceeded } from '../../runtime/run-log.ts';
import type { CapturedOutput } from '../../runtime/overrides.ts';
import { describeCaptured, formatWouldWrite } from '../../testing/dry-run.ts';
import { CliExit, collectVar, EXIT, line, type CliIO } from '../io.ts';
import { loadForCommand } from '../load.ts';
import { progressReporter } from '../progress.ts';
import { formatRunSummary } from '../summary.ts';

export function registerRun(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('run an operation and the operations it chains on success or failure')
    .argument('<dir>', 'project folder')
    .argument('<operation>', 'operation id or name')
    .option('--var <name=value>', 'set a global variable for the run (repeatable)', collectVar, {})
    .option('--json', 'print the run log as JSON on stdout and nothing else')
    .option('--dry-run', 'read the real sources but write nothing: show what each target would receive')
    .addHelpText(
      'after',
      '\nExit codes: 0 the run and its chained runs succeeded, 1 a run failed or was cancelled,\n2 usage or project validation error.\nRun logs are kept in <dir>/.chorus/runs/.',
    )
    .action(async (dir: string, operation: string, opts: { var: Record<string, string>; json?: boolean; dryRun?: boolean }) => {
      const { dir: projectDir, project } = await loadForCommand(io, dir, { warnings: !opts.json });
      const secrets = project.variables.some((v) => v.secret) ? await resolveSecretVariables(project, await openDefaultVault()) : new Map<string, string>();
      const progress = progressReporter(io);
      // Ctrl+C, a kill or a closed terminal cancel the run cleanly: targets are not committed
      // and temporary files are removed. A second signal while cancelling still ends the process.
      const abort = new AbortController();
      const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const onSignal = () => abort.abort();
      const captured: CapturedOutput[] = [];
      for (const s of stopSignals) process.once(s, onSignal);
      try {
        const log = await runOperation(operation, {
          project,
          projectDir,
          variables: opts.var,
          secrets,
          signal: abort.signal,
          onEvent: progress.onEvent,
          overrides: opts.dryRun ? { capture: (output) => captured.push(output) } : undefined,
        }).catch((err: unknown) => {
          if (err instanceof ChorusError && err.code === 'OPERATION_NOT_FOUND') throw new CliExit(EXIT.usage, `chorus: ${err.message}`);
          throw err;
        });
        progress.done();
        const wouldWrite = opts.dryRun ? await describeCaptured(captured) : undefined;
        if (opts.json) line(io.stdout, JSON.stringify(wouldWrite ? { ...log, wouldWrite } : log, null, 2));
        else line(io.stdout, [formatRunSummary(log), ...(wouldWrite ? formatWouldWrite(wouldWrite) : [])].join('\n'));
        setExit(chainSucceeded(log) ? EXIT.ok : EXIT.failed);
      } finally {
        for (const s of stopSignals) process.removeListener(s, onSignal);
      }
    });
}
