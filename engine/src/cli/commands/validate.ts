import type { Command } from 'commander';
import { componentKindNames } from '../../core/model/project.ts';
import { line, type CliIO } from '../io.ts';
import { loadForCommand } from '../load.ts';

export function registerValidate(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('check a project: every file against the format, references, step order, names')
    .argument('<dir>', 'project folder')
    .addHelpText('after', '\nPrints each problem as file: json-path: message on stderr.\nExit codes: 0 valid (warnings allowed), 2 problems found.')
    .action(async (dir: string) => {
      const { project } = await loadForCommand(io, dir);
      const count = componentKindNames.reduce((n, k) => n + project[k].length, 0);
      line(io.stdout, `${dir}: valid (${count} component${count === 1 ? '' : 's'})`);
    });
}
