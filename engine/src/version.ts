import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The engine's version, from package.json (`chorus --version`, GetAgentVersionName()). */
export function engineVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
