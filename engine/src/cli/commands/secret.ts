import type { Command } from 'commander';
import { secretKeyOfVariable } from '../../core/model/variable.ts';
import { openDefaultVault } from '../../vault/file-vault.ts';
import { projectSecretKey } from '../../vault/secrets.ts';
import { CliExit, EXIT, line, type CliIO } from '../io.ts';
import { loadForCommand } from '../load.ts';

export function registerSecret(program: Command, io: CliIO): void {
  const secret = program.command('secret').description("set or delete the value of a project's secret variable in the vault");
  secret
    .command('set')
    .description('read the value from stdin and store it in the vault')
    .argument('<dir>', 'project folder')
    .argument('<variable>', 'name of a secret project variable')
    .action(async (dir: string, variable: string) => {
      const { project } = await loadForCommand(io, dir);
      requireSecretVariable(project.variables, variable);
      const value = (await readAll(io.stdin)).replace(/\r?\n$/, '');
      if (value === '') throw new CliExit(EXIT.usage, 'chorus: no value on stdin; nothing was stored');
      const vault = await openDefaultVault();
      await vault.set(projectSecretKey(project.manifest.id, secretKeyOfVariable(variable)), value);
      line(io.stdout, `stored ${variable} in the vault`);
    });
  secret
    .command('delete')
    .description('remove the value from the vault')
    .argument('<dir>', 'project folder')
    .argument('<variable>', 'name of a secret project variable')
    .action(async (dir: string, variable: string) => {
      const { project } = await loadForCommand(io, dir);
      requireSecretVariable(project.variables, variable);
      const vault = await openDefaultVault();
      await vault.delete(projectSecretKey(project.manifest.id, secretKeyOfVariable(variable)));
      line(io.stdout, `deleted ${variable} from the vault`);
    });
}

function requireSecretVariable(variables: { name: string; secret?: boolean }[], name: string): void {
  const v = variables.find((x) => x.name === name);
  if (!v?.secret) {
    const secrets = variables.filter((x) => x.secret).map((x) => x.name);
    throw new CliExit(EXIT.usage, `chorus: "${name}" is not a secret variable of this project (secret variables: ${secrets.join(', ') || 'none'})`);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
