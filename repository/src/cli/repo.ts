import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { CliExit, EXIT, line, stopSignal, type CliIO } from '../../../engine/src/cli/io.ts';
import { createMasterKeyFile, MASTER_KEY_ENV, readMasterKey } from '../crypto/master-key.ts';
import { SQLITE_FILE } from '../db/open.ts';
import { bootstrap, BOOTSTRAP_ADMIN, DEFAULT_ORGANISATION } from '../domain/bootstrap.ts';
import { RepoError } from '../domain/errors.ts';
import { defaultEnvironments } from '../domain/organisations.ts';
import { API_PREFIX, buildServer, DEFAULT_RATE_LIMIT, listen } from '../http/server.ts';
import { openRepository } from '../repository.ts';

/** The key file `repo init` creates when no key is given. */
export const MASTER_KEY_FILE = 'master.key';
/** Keeps a PostgreSQL password off the command line (and out of `ps`). */
export const DATABASE_ENV = 'CHORUS_REPO_DATABASE';
export const DEFAULT_PORT = 8470;

export interface RepoCommandOptions {
  /** Resolves when `repo serve` should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<void>;
  env?: NodeJS.ProcessEnv;
}

interface StoreOptions {
  data: string;
  database?: string;
  masterKey?: string;
}

/** `chorus repo init` and `chorus repo serve`: the design repository server. */
export function registerRepo(program: Command, io: CliIO, options: RepoCommandOptions = {}): void {
  const env = options.env ?? process.env;
  const repo = program.command('repo').description('the design repository server: organisations, projects, revisions, deployments');
  const storeOptions = (command: Command) =>
    command
      .requiredOption('--data <dir>', 'data folder (the SQLite file, the master key file)')
      .option('--database <url>', `postgres://... to use PostgreSQL instead of SQLite (or ${DATABASE_ENV})`)
      .option('--master-key <file>', `file holding the 32-byte master key in base64 (or ${MASTER_KEY_ENV}; default <data>/${MASTER_KEY_FILE})`);

  storeOptions(repo.command('init'))
    .description(`create the store with organisation "${DEFAULT_ORGANISATION}", its environments and an admin; prints the admin's first token once`)
    .action(async (opts: StoreOptions) => {
      const dataDir = path.resolve(io.cwd, opts.data);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      const key = await loadMasterKey(opts, io, dataDir, env, { create: true });
      const databaseUrl = opts.database ?? env[DATABASE_ENV];
      const deps = await open(dataDir, databaseUrl, key.key);
      try {
        const token = await bootstrap(deps).catch((err: unknown) => {
          if (err instanceof RepoError) throw new CliExit(EXIT.usage, `chorus: ${dataDir}: ${err.message}`);
          throw err;
        });
        line(io.stdout, `Initialised the Chorus repository (${databaseUrl ? 'PostgreSQL' : `SQLite: ${path.join(dataDir, SQLITE_FILE)}`}).`);
        line(io.stdout, `Master key: ${key.source}${key.created ? ' (created: keep a copy elsewhere; without it no content can be read)' : ''}`);
        line(io.stdout, `Organisation "${DEFAULT_ORGANISATION}" with environments ${defaultEnvironments.map((e) => e.name).join(' and ')}; administrator "${BOOTSTRAP_ADMIN}".`);
        line(io.stdout, 'Bootstrap admin token (shown only now; store it safely):');
        line(io.stdout, token.token);
      } finally {
        await deps.close();
      }
    });

  storeOptions(repo.command('serve'))
    .description('serve the repository API over HTTP')
    .option('--port <n>', 'port to listen on; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--rate-limit <n>', 'requests a minute per token before 429', parseCount, DEFAULT_RATE_LIMIT)
    .action(async (opts: StoreOptions & { port: number; host: string; rateLimit: number }) => {
      const dataDir = path.resolve(io.cwd, opts.data);
      const key = await loadMasterKey(opts, io, dataDir, env, { create: false });
      const deps = await open(dataDir, opts.database ?? env[DATABASE_ENV], key.key);
      const app = await buildServer(deps, {
        rateLimit: { max: opts.rateLimit, timeWindowMs: 60_000 },
        onError: (err) => line(io.stderr, `chorus repo serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      });
      let url: string;
      try {
        url = await listen(app, opts.host, opts.port);
      } catch (err) {
        await deps.close();
        throw new CliExit(EXIT.usage, `chorus: cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`);
      }
      line(io.stdout, `Chorus repository: ${url}${API_PREFIX}`);
      line(io.stdout, 'Press Ctrl+C to stop.');
      await (options.untilStopped ?? stopSignal)();
      await app.close();
      await deps.close();
      line(io.stdout, 'Chorus repository stopped.');
    });
}

/** The master key: --master-key, else the environment variable, else <data>/master.key (created by init only). */
async function loadMasterKey(opts: StoreOptions, io: CliIO, dataDir: string, env: NodeJS.ProcessEnv, { create }: { create: boolean }): Promise<{ key: Buffer; source: string; created: boolean }> {
  try {
    if (opts.masterKey !== undefined) return { key: (await readMasterKey(path.resolve(io.cwd, opts.masterKey), {}))!, source: opts.masterKey, created: false };
    const fromEnv = await readMasterKey(undefined, env);
    if (fromEnv) return { key: fromEnv, source: MASTER_KEY_ENV, created: false };
    const file = path.join(dataDir, MASTER_KEY_FILE);
    if (existsSync(file)) return { key: (await readMasterKey(file, {}))!, source: file, created: false };
    if (create) return { key: await createMasterKeyFile(file), source: file, created: true };
  } catch (err) {
    throw new CliExit(EXIT.usage, `chorus: ${(err as Error).message}`);
  }
  throw new CliExit(EXIT.usage, `chorus: no master key: give --master-key FILE, set ${MASTER_KEY_ENV}, or run chorus repo init --data ${opts.data}`);
}

async function open(dataDir: string, databaseUrl: string | undefined, masterKey: Buffer) {
  try {
    return await openRepository({ dataDir, databaseUrl, masterKey });
  } catch (err) {
    throw new CliExit(EXIT.usage, `chorus: cannot open the repository: ${(err as Error).message}`);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
