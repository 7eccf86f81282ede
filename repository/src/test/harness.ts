import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { newKey } from '../crypto/aead.ts';
import { bootstrap } from '../domain/bootstrap.ts';
import type { Deps } from '../domain/deps.ts';
import { buildServer, listen, type ServerOptions } from '../http/server.ts';
import { openRepository } from '../repository.ts';
import type { Backend, TestStore } from './backends.ts';

/** A repository server on 127.0.0.1 (a free port) over a fresh store, with the bootstrap admin's token. */
export interface TestRepo {
  url: string;
  adminToken: string;
  store: TestStore;
  deps: Deps;
  app: FastifyInstance;
  /** A client acting with a token. */
  as(token: string | undefined): Client;
  close(): Promise<void>;
}

export async function startRepo(backend: Backend, options: ServerOptions = {}): Promise<TestRepo> {
  const store = await backend.create();
  const repo = await openRepository({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, masterKey: newKey() });
  const { token } = await bootstrap(repo);
  const app = await buildServer(repo, { ...options, onError: (err) => console.error(err) });
  const url = await listen(app, '127.0.0.1', 0);
  return {
    url,
    adminToken: token,
    store,
    deps: repo,
    app,
    as: (t) => client(url, t),
    async close() {
      await app.close();
      await repo.close();
      await store.cleanup();
    },
  };
}

// Bodies in tests are checked by expect(), so they are left untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Reply<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Client {
  get<T = Json>(path: string): Promise<Reply<T>>;
  post<T = Json>(path: string, body?: unknown): Promise<Reply<T>>;
  put<T = Json>(path: string, body?: unknown): Promise<Reply<T>>;
  delete<T = Json>(path: string): Promise<Reply<T>>;
  /** Sends bytes as application/octet-stream. */
  putBytes<T = Json>(path: string, bytes: Buffer): Promise<Reply<T>>;
  /** Any request, for raw bodies and headers. */
  raw(path: string, init: RequestInit): Promise<Response>;
}

export function client(baseUrl: string, token: string | undefined): Client {
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}/api/v1${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
  const call = async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await raw(path, body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return read(response);
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    delete: (path) => call('DELETE', path),
    putBytes: async (path, bytes) => read(await raw(path, { method: 'PUT', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } })),
    raw,
  };
}

async function read(response: Response): Promise<Reply> {
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body };
}

export const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

/** Uploads contents; returns their hashes in order. */
export async function upload(api: Client, org: string, contents: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const content of contents) {
    const hash = sha256(content);
    const reply = await api.putBytes(`/orgs/${org}/blobs/${hash}`, Buffer.from(content));
    if (reply.status !== 201 && reply.status !== 200) throw new Error(`upload failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    hashes.push(hash);
  }
  return hashes;
}

/** A user in an organisation with a role, and their token. */
export async function addUser(repo: TestRepo, org: string, role: 'admin' | 'designer' | 'viewer', name = `${role}-${randomBytes(3).toString('hex')}`): Promise<string> {
  const admin = repo.as(repo.adminToken);
  expectStatus(await admin.post('/users', { name }), 201);
  expectStatus(await admin.put(`/orgs/${org}/members/${name}`, { role }), 200);
  const issued = await admin.post(`/users/${name}/tokens`, { name: 'test' });
  expectStatus(issued, 201);
  return issued.body.token as string;
}

export function expectStatus(reply: Reply, status: number): void {
  if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
}
