import { spawn } from 'node:child_process';

/** Asks the desktop to open `url`; resolves with an error message when it cannot (no desktop, no opener). */
export function openBrowser(url: string): Promise<string | undefined> {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', (err) => resolve(err.message));
    child.on('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
