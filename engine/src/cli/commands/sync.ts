import path from 'node:path';
import type { Command } from 'commander';
import { clone } from '../../sync/clone.ts';
import { storeToken } from '../../sync/connect.ts';
import { SyncError, type SyncErrorCode } from '../../sync/errors.ts';
import { deploy, history } from '../../sync/history.ts';
import { pull, type PullResult } from '../../sync/pull.ts';
import { push } from '../../sync/push.ts';
import { addRemote } from '../../sync/remote.ts';
import { resolve, type Resolution } from '../../sync/resolve.ts';
import { status } from '../../sync/status.ts';
import { CliExit, EXIT, line, type CliIO } from '../io.ts';

/** Failures the user can fix by changing the command or the setup are usage errors (2); the rest failed (1). */
const usage: SyncErrorCode[] = ['SYNC_INVALID', 'SYNC_NOT_CONFIGURED', 'SYNC_NO_TOKEN'];

/** Runs a sync action, turning its errors into an exit code and one line on stderr. */
function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (err) {
      if (err instanceof SyncError) throw new CliExit(usage.includes(err.code) ? EXIT.usage : EXIT.failed, `chorus: ${err.message} [${err.code}]`);
      throw err;
    }
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `remote`, `clone`, `pull`, `push`, `status`, `log`, `deploy` and `resolve`: syncing a project with a design repository. */
export function registerSync(program: Command, io: CliIO): void {
  const at = (dir: string) => path.resolve(io.cwd, dir);
  const tokenHelp = '\nThe token comes from CHORUS_TOKEN, else from the vault (store it with: chorus remote login <url>).';

  const remote = program.command('remote').description('link a project folder to a design repository, and store tokens');
  remote
    .command('add')
    .description('link the folder to a repository; the first push creates the project there')
    .argument('<dir>', 'project folder')
    .argument('<url>', 'repository address, e.g. http://127.0.0.1:8470')
    .option('--org <name>', 'organisation', 'default')
    .option('--environment <name>', 'environment the project lives in', 'Development')
    .action(action(async (dir: string, url: string, opts: { org: string; environment: string }) => {
      const state = await addRemote(at(dir), url, opts);
      line(io.stdout, `${dir} syncs with ${state.url} (organisation ${state.org}, environment ${state.environment}); the first push creates the project there`);
    }));
  remote
    .command('login')
    .description("read a repository token from stdin and keep it in this machine's vault")
    .argument('<url>', 'repository address')
    .action(action(async (url: string) => {
      const token = (await readAll(io.stdin)).trim();
      if (!token) throw new CliExit(EXIT.usage, 'chorus: no token on stdin; nothing was stored');
      await storeToken(url, token);
      line(io.stdout, `stored the token for ${url} in the vault`);
    }));

  program
    .command('clone')
    .description('create a project folder from the latest revision of a project in a repository')
    .argument('<url>', 'repository address')
    .argument('<project>', 'project name or id')
    .argument('<dir>', 'folder to create (must not exist or be empty)')
    .option('--org <name>', 'organisation', 'default')
    .option('--environment <name>', 'environment, when the name exists in several')
    .addHelpText('after', tokenHelp)
    .action(action(async (url: string, project: string, dir: string, opts: { org: string; environment?: string }) => {
      const cloned = await clone(url, project, at(dir), opts);
      line(io.stdout, `cloned ${cloned.project.name} (revision ${cloned.project.head?.seq}, ${plural(cloned.files, 'file')}) into ${dir}`);
    }));

  program
    .command('pull')
    .description('bring the latest revision into the folder, merging it with local changes')
    .argument('<dir>', 'project folder')
    .addHelpText('after', `${tokenHelp}\nLocal work is copied to .chorus/sync/snapshots/ before merging.\nExit codes: 0 merged, 1 conflicts to resolve or the repository unreachable, 2 usage.`)
    .action(action(async (dir: string) => {
      const result = await pull(at(dir));
      if (result.upToDate) line(io.stdout, `${dir}: up to date${result.revision ? ` (revision ${result.revision.seq})` : ''}`);
      else reportMerge(io, dir, result);
    }));

  program
    .command('push')
    .description('send the folder as a new revision on top of the one it is based on')
    .argument('<dir>', 'project folder')
    .option('-m, --message <text>', 'what changed', '')
    .option('--merge', 'when someone pushed first: pull, merge and push again (stops at conflicts)')
    .addHelpText('after', `${tokenHelp}\nExit codes: 0 pushed (or nothing to push), 1 refused (head moved, conflicts) or unreachable, 2 usage.`)
    .action(action(async (dir: string, opts: { message: string; merge?: boolean }) => {
      const result = await push(at(dir), { message: opts.message, merge: opts.merge });
      for (const merged of result.merges) reportMerge(io, dir, merged);
      if (result.createdProject) line(io.stdout, `created the project in the repository`);
      if (result.revision) line(io.stdout, `pushed revision ${result.revision.seq} (${plural(result.uploaded, 'content')} uploaded)`);
      else line(io.stdout, `${dir}: nothing to push`);
    }));

  program
    .command('status')
    .description('in sync, ahead, behind, diverged or conflicts; and what changed locally (works offline)')
    .argument('<dir>', 'project folder')
    .option('--offline', 'do not ask the repository for its head')
    .option('--json', 'print the status as JSON')
    .action(action(async (dir: string, opts: { offline?: boolean; json?: boolean }) => {
      const st = await status(at(dir), { offline: opts.offline });
      if (opts.json) {
        line(io.stdout, JSON.stringify(st, null, 2));
        return;
      }
      line(io.stdout, `remote: ${st.remote.url} (organisation ${st.remote.org}, environment ${st.remote.environment})${st.remote.project ? '' : ', not pushed yet'}`);
      const head = st.head ? `, repository at revision ${st.head.seq}` : st.offline ? '; offline, the repository head is unknown' : '';
      line(io.stdout, `status: ${st.summary} (based on revision ${st.base.seq}${head})`);
      for (const c of st.changes) line(io.stdout, `  ${c.change.padEnd(8)} ${c.path}`);
      for (const c of st.conflicts) line(io.stdout, `  conflict ${c.component}: ${c.details.join('; ')}`);
      if (st.offline) line(io.stderr, `chorus: ${st.offline}`);
    }));

  program
    .command('log')
    .description("the project's revisions in the repository, newest first")
    .argument('<dir>', 'project folder')
    .option('--limit <n>', 'how many', (v) => Number(v), 20)
    .action(action(async (dir: string, opts: { limit: number }) => {
      const { revisions, base } = await history(at(dir), { limit: opts.limit });
      if (revisions.length === 0) line(io.stdout, `${dir}: no revisions yet`);
      for (const r of revisions) {
        line(io.stdout, `${String(r.seq).padStart(4)}  ${r.createdAt}  ${r.author}  ${r.message || '(no message)'}${r.id === base ? '  <- this folder' : ''}`);
      }
    }));

  program
    .command('deploy')
    .description('make the revision this folder is based on the live one in an environment')
    .argument('<dir>', 'project folder')
    .argument('<environment>', 'environment, e.g. Production')
    .action(action(async (dir: string, environment: string) => {
      const st = await status(at(dir), { offline: true });
      const deployed = await deploy(at(dir), environment);
      line(io.stdout, `deployed revision ${deployed.seq} to ${deployed.environment}`);
      if (st.changes.length) line(io.stderr, `chorus: ${plural(st.changes.length, 'local change')} not pushed, so not deployed`);
    }));

  program
    .command('resolve')
    .description('settle a conflicted component (works offline)')
    .argument('<dir>', 'project folder')
    .argument('<component>', 'as status shows it, e.g. operations/convert (or one of its files)')
    .option('--mine', 'keep my side of what conflicts (changes that merged stay)')
    .option('--theirs', "take the repository's side of what conflicts")
    .option('--file <file>', 'use this file, e.g. a version merged by hand')
    .action(action(async (dir: string, component: string, opts: { mine?: boolean; theirs?: boolean; file?: string }) => {
      const chosen = [opts.mine, opts.theirs, opts.file !== undefined].filter(Boolean).length;
      if (chosen !== 1) throw new CliExit(EXIT.usage, 'chorus: choose exactly one of --mine, --theirs or --file F');
      const resolution: Resolution = opts.file !== undefined ? { file: path.resolve(io.cwd, opts.file) } : { take: opts.mine ? 'mine' : 'theirs' };
      const done = await resolve(at(dir), component, resolution);
      line(io.stdout, `resolved ${done.component}${done.written.length ? `; wrote ${done.written.join(', ')}` : ''}${done.deleted.length ? `; deleted ${done.deleted.join(', ')}` : ''}`);
    }));
}

function reportMerge(io: CliIO, dir: string, result: PullResult): void {
  line(io.stdout, `${dir}: now at revision ${result.revision?.seq} (${plural(result.downloaded, 'content')} downloaded, ${plural(result.written.length, 'file')} written, ${result.deleted.length} deleted)`);
  if (result.snapshot) line(io.stdout, `local work saved in ${result.snapshot}`);
  if (result.conflicts.length === 0) return;
  for (const c of result.conflicts) line(io.stdout, `conflict ${c.component}: ${c.details.join('; ')}`);
  throw new CliExit(EXIT.failed, `chorus: ${plural(result.conflicts.length, 'component')} conflict; your side is in the folder, both versions in .chorus/sync/conflicts/: resolve with chorus resolve ${dir} <component> --mine|--theirs|--file F [SYNC_CONFLICTS]`);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
