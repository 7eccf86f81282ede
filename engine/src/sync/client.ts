import { createHash } from 'node:crypto';
import { SyncError } from './errors.ts';

/** A project as the server describes it. */
export interface RemoteProject {
  id: string;
  name: string;
  environment: string;
  head: { id: string; seq: number } | null;
}

export interface RemoteRevision {
  id: string;
  seq: number;
  parent: string | null;
  author: string;
  message: string;
  createdAt: string;
}

/** Component path -> SHA-256 of its content. */
export type Manifest = Record<string, string>;

/** How one manifest differs from another: contents put at paths (added or changed), paths deleted. */
export interface ManifestChanges {
  put: Manifest;
  delete: string[];
}

export interface RemoteOptions {
  /** Base URL of the server, without `/api/v1`. */
  url: string;
  org: string;
  token: string;
  /** Per request; a stalled server must not hang a command forever. */
  timeoutMs?: number;
}

export type PushAnswer = { ok: true; revision: RemoteRevision } | { ok: false; head: { id: string; seq: number } };

/** Blobs transferred at once: enough to hide latency, few enough to stay polite to the server. */
const PARALLEL = 8;

/** The repository API as the sync client uses it (see docs/repository-api.md). */
export class RepoClient {
  readonly #options: Required<RemoteOptions>;

  constructor(options: RemoteOptions) {
    this.#options = { ...options, timeoutMs: options.timeoutMs ?? 30_000, url: normalizeUrl(options.url) };
  }

  #org(path: string): string {
    return `/orgs/${encodeURIComponent(this.#options.org)}${path}`;
  }

  getProject(id: string): Promise<RemoteProject> {
    return this.#json('GET', this.#org(`/projects/${encodeURIComponent(id)}`));
  }

  async findProjects(name: string, environment?: string): Promise<RemoteProject[]> {
    const query = new URLSearchParams({ name, ...(environment ? { environment } : {}) });
    const page = await this.#json<{ items: RemoteProject[] }>('GET', this.#org(`/projects?${query}`));
    return page.items;
  }

  createProject(name: string, environment: string): Promise<RemoteProject> {
    return this.#json('POST', this.#org('/projects'), { name, environment });
  }

  getRevision(project: string, revision: string): Promise<RemoteRevision & { manifest: Manifest }> {
    return this.#json('GET', this.#org(`/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}`));
  }

  /** What changed from revision `since` to `revision`: a pull's bytes grow with the change, not the project. */
  getChanges(project: string, revision: string, since: string): Promise<ManifestChanges> {
    const path = `/projects/${encodeURIComponent(project)}/revisions/${encodeURIComponent(revision)}/changes?since=${encodeURIComponent(since)}`;
    return this.#json('GET', this.#org(path));
  }

  async listRevisions(project: string, limit: number): Promise<RemoteRevision[]> {
    const page = await this.#json<{ items: RemoteRevision[] }>('GET', this.#org(`/projects/${encodeURIComponent(project)}/revisions?limit=${limit}`));
    return page.items;
  }

  /** Pushes a revision as changes to its parent (the client's base). */
  async createRevision(project: string, body: { parent: string | null; message: string; changes: ManifestChanges }): Promise<PushAnswer> {
    try {
      return { ok: true, revision: await this.#json('POST', this.#org(`/projects/${encodeURIComponent(project)}/revisions`), body) };
    } catch (err) {
      if (err instanceof SyncError && err.remote?.code === 'HEAD_MOVED') return { ok: false, head: err.remote.problem?.head as { id: string; seq: number } };
      throw err;
    }
  }

  /** Uploads the contents the server does not have yet; returns how many were sent. */
  async uploadMissing(contents: ReadonlyMap<string, string>): Promise<number> {
    if (contents.size === 0) return 0;
    const { missing } = await this.#json<{ missing: string[] }>('POST', this.#org('/blobs/missing'), { hashes: [...contents.keys()] });
    await inBatches(missing, async (hash) => {
      const text = contents.get(hash);
      if (text === undefined) throw new SyncError('SYNC_INVALID', `the server asked for content ${hash}, which was not offered`);
      await this.#request('PUT', this.#org(`/blobs/${hash}`), Buffer.from(text, 'utf8'), 'application/octet-stream');
    });
    return missing.length;
  }

  /** Downloads contents by hash, checking each hashes to what was asked. */
  async download(hashes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await inBatches(hashes, async (hash) => {
      const response = await this.#request('GET', this.#org(`/blobs/${hash}`));
      const bytes = Buffer.from(await response.arrayBuffer());
      if (sha256(bytes) !== hash) throw new SyncError('SYNC_INVALID', `the server sent content for ${hash} that does not match its hash`);
      out.set(hash, bytes.toString('utf8'));
    });
    return out;
  }

  deploy(environment: string, project: string, revision: string): Promise<{ environment: string; revision: string; seq: number }> {
    return this.#json('PUT', this.#org(`/environments/${encodeURIComponent(environment)}/deployments/${encodeURIComponent(project)}`), { revision });
  }

  async #json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.#request(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    return (await response.json()) as T;
  }

  async #request(method: string, path: string, body?: string | Buffer, type?: string): Promise<Response> {
    const url = `${this.#options.url}/api/v1${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.#options.token}`, ...(body !== undefined && type ? { 'content-type': type } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (err) {
      throw new SyncError('SYNC_OFFLINE', `cannot reach the repository at ${this.#options.url}: ${causeOf(err)}`, undefined, { cause: err });
    }
    if (response.ok) return response;
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string } & Record<string, unknown>;
    throw new SyncError('SYNC_REMOTE', `the repository refused ${method} ${path}: ${response.status} ${problem.code ?? ''} ${problem.detail ?? ''}`.trim(), { status: response.status, code: problem.code, problem });
  }
}

/** `http://host:port`, whether given with a trailing slash or with `/api/v1`. */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncError('SYNC_INVALID', `"${url}" is not a URL (e.g. http://127.0.0.1:8470)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SyncError('SYNC_INVALID', `"${url}" is not an http(s) URL`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function causeOf(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(each));
}
