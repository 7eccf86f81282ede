import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../project/atomic.ts';
import { junitXml } from '../../testing/junit.ts';
import type { GoldenUpdate } from '../../testing/outputs.ts';
import { countResults, formatResult, runTests, selectTests, summaryLine } from '../../testing/runner.ts';
import { CliExit, EXIT, line, type CliIO } from '../io.ts';
import { loadForCommand } from '../load.ts';

interface TestOptions {
  filter?: string;
  junit?: string;
  update?: boolean;
  yes?: boolean;
}

export function registerTest(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('test')
    .description("run the project's tests: fixtures in, outputs captured in memory and compared with golden data")
    .argument('<dir>', 'project folder')
    .option('--filter <text>', 'run only the tests whose name or id contains this text')
    .option('--junit <file>', 'also write the results as JUnit XML to this file')
    .option('--update', 'rewrite the golden files of failing comparisons from the actual output (asks first)')
    .option('--yes', 'with --update: do not ask (needed in CI and without a terminal)')
    .addHelpText('after', '\nExit codes: 0 every test passed, 1 a test failed, 2 usage error or invalid project.')
    .action(async (dir: string, opts: TestOptions) => {
      // Refused before anything runs: CI must never change golden files unless told to.
      if (opts.update && !opts.yes && process.env.CI) throw new CliExit(EXIT.usage, 'chorus: --update does not rewrite golden files in CI (CI is set); add --yes to do it anyway');
      const { dir: projectDir, project } = await loadForCommand(io, dir);
      const tests = selectTests(project, opts.filter);
      if (opts.filter !== undefined && tests.length === 0) throw new CliExit(EXIT.usage, `chorus: no test matches "${opts.filter}"`);
      const results = await runTests({ project, projectDir }, tests, { onResult: (r) => formatResult(r).forEach((l) => line(io.stdout, l)) });
      line(io.stdout, summaryLine(results));
      if (opts.junit) {
        const file = path.resolve(io.cwd, opts.junit);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, junitXml(project.manifest.name, results, new Date()));
      }
      setExit(countResults(results).failed > 0 ? EXIT.failed : EXIT.ok);
      if (opts.update) await updateGoldenFiles(io, projectDir, results.flatMap((r) => r.updates), opts.yes ?? false);
    });
}

/** Rewrites golden files after confirmation; the exit code still tells of this run's failures. */
async function updateGoldenFiles(io: CliIO, projectDir: string, updates: GoldenUpdate[], yes: boolean): Promise<void> {
  // Two tests may share a golden file: it is written once.
  const byFile = new Map(updates.map((u) => [u.file, u.bytes]));
  if (byFile.size === 0) return line(io.stdout, 'no golden file to update');
  if (!yes) {
    if (!io.interactive) throw new CliExit(EXIT.usage, 'chorus: --update asks before rewriting golden files; run it in a terminal, or add --yes');
    io.stderr.write(`Rewrite ${byFile.size} golden file${byFile.size === 1 ? '' : 's'} (${[...byFile.keys()].join(', ')}) from the actual output? [y/N] `);
    if (!/^y(es)?$/i.test((await readAnswer(io.stdin)).trim())) return line(io.stdout, 'golden files left as they were');
  }
  for (const [file, bytes] of byFile) {
    const target = path.join(projectDir, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
    line(io.stdout, `updated ${file}`);
  }
}

async function readAnswer(stdin: Readable): Promise<string> {
  const lines = createInterface({ input: stdin });
  try {
    for await (const answer of lines) return answer;
    return '';
  } finally {
    lines.close();
  }
}
