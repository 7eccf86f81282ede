import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { CliExit, EXIT, line, stopSignal, type CliIO } from '../engine/src/cli/io.ts';
import { MANIFEST_FILE } from '../engine/src/core/model/project.ts';
import { openDefaultVault } from '../engine/src/vault/file-vault.ts';
import { startBrowserHost } from './browser-host/server.ts';
import { openBrowser } from './open-browser.ts';
import { createStudioServices } from './services/index.ts';
import { chorusHome } from './services/settings.ts';

/** Where `vite build` puts the renderer. */
const rendererDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

export interface ServeOptions {
  /** Resolves when the server should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<void>;
}

export function registerServe(program: Command, io: CliIO, options: ServeOptions = {}): void {
  program
    .command('serve')
    .description('serve the studio in a browser: the API and the user interface on 127.0.0.1, with a per-launch token')
    .option('--port <n>', 'port to listen on; 0 picks a free one', parsePort, 0)
    .option('--project <dir>', 'project to open first')
    .option('--open', 'open the studio in the default browser')
    .action(async (opts: { port: number; project?: string; open?: boolean }) => {
      const project = opts.project === undefined ? undefined : path.resolve(io.cwd, opts.project);
      if (project && !existsSync(path.join(project, MANIFEST_FILE))) throw new CliExit(EXIT.usage, `chorus: ${opts.project}: no ${MANIFEST_FILE}: not a Chorus project`);

      const services = createStudioServices({ home: chorusHome(), vault: () => openDefaultVault() });
      const host = await startBrowserHost({
        services,
        rendererDir,
        port: opts.port,
        onError: (err) => line(io.stderr, `chorus serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      }).catch(async (err: unknown) => {
        await services.close();
        throw new CliExit(EXIT.usage, `chorus: cannot listen on 127.0.0.1:${opts.port}: ${(err as Error).message}`);
      });
      if (project) await services.handlers.projects.open({ folder: project });
      const url = project ? `${host.url}&project=${encodeURIComponent(project)}` : host.url;
      line(io.stdout, `Chorus Studio: ${url}`);
      line(io.stdout, 'Press Ctrl+C to stop.');
      if (opts.open) {
        const failed = await openBrowser(url);
        if (failed) line(io.stderr, `chorus: could not open a browser (${failed}); open the address above`);
      }

      await (options.untilStopped ?? stopSignal)();
      await host.close();
      await services.close();
      line(io.stdout, 'Chorus Studio stopped.');
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}
