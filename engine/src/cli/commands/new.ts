import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { copyTemplate, createProject } from '../../project/store.ts';
import { CliExit, EXIT, line, type CliIO } from '../io.ts';

/** Templates are the bundled example projects. */
export const templatesDir = fileURLToPath(new URL('../../../../resources/examples/', import.meta.url));

export async function listTemplates(): Promise<string[]> {
  const entries = await readdir(templatesDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function registerNew(program: Command, io: CliIO): void {
  program
    .command('new')
    .description('create a project, empty or from a template')
    .argument('<dir>', 'folder to create (must not exist or be empty)')
    .option('--template <name>', 'start from a bundled example (see --list-templates)')
    .option('--name <name>', 'project name (default: the folder name)')
    .option('--list-templates', 'list the templates and exit')
    .action(async (dir: string, opts: { template?: string; name?: string; listTemplates?: boolean }) => {
      if (opts.listTemplates) {
        for (const t of await listTemplates()) line(io.stdout, t);
        return;
      }
      const target = path.resolve(io.cwd, dir);
      const name = opts.name ?? path.basename(target);
      if (opts.template) {
        const templates = await listTemplates();
        if (!templates.includes(opts.template)) {
          throw new CliExit(EXIT.usage, `chorus: no template "${opts.template}" (templates: ${templates.join(', ')})`);
        }
        await copyTemplate(path.join(templatesDir, opts.template), target, name);
      } else {
        await createProject(target, { name });
      }
      line(io.stdout, `created ${dir}${opts.template ? ` from template ${opts.template}` : ''}`);
    });
}
