import { openDefaultVault } from '../vault/file-vault.ts';
import { normalizeUrl, RepoClient } from './client.ts';
import { SyncError } from './errors.ts';

/** How a sync command reaches the server. */
export interface SyncOptions {
  /** Environment for CHORUS_TOKEN and the vault location; the process's by default. */
  env?: NodeJS.ProcessEnv;
  /** A token to use instead of CHORUS_TOKEN or the vault (the studio passes its own). */
  token?: string;
  timeoutMs?: number;
}

/** The vault key of a repository's token: one per server, shared by every project synced with it. */
export function tokenKey(url: string): string {
  return `repository:${normalizeUrl(url)}`;
}

/** The token for a server: the option, else CHORUS_TOKEN, else the vault. */
export async function resolveToken(url: string, options: SyncOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const token = options.token || env.CHORUS_TOKEN || (await (await openDefaultVault(env)).get(tokenKey(url)));
  if (!token) {
    throw new SyncError('SYNC_NO_TOKEN', `no token for ${normalizeUrl(url)}: set CHORUS_TOKEN, or store one with: chorus remote login ${normalizeUrl(url)} (reads the token from stdin)`);
  }
  return token;
}

export async function storeToken(url: string, token: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await (await openDefaultVault(env)).set(tokenKey(url), token);
}

export async function connect(remote: { url: string; org: string }, options: SyncOptions = {}): Promise<RepoClient> {
  return new RepoClient({ url: remote.url, org: remote.org, token: await resolveToken(remote.url, options), timeoutMs: options.timeoutMs });
}
