// Test support only (imported by *.test.ts): a real repository server on 127.0.0.1 and
// project folders to sync. The engine's own code never imports repository/.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { newKey } from '../../repository/src/crypto/aead.ts';
import { bootstrap } from '../../repository/src/domain/bootstrap.ts';
import { buildServer, listen } from '../../repository/src/http/server.ts';
import { openRepository } from '../../repository/src/repository.ts';
import { backends, type Backend } from '../../repository/src/test/backends.ts';
import { canonicalJson } from '../src/core/json.ts';
import { createProject } from '../src/project/store.ts';

export { backends };

export interface TestServer {
  url: string;
  /** The bootstrap admin's token. */
  token: string;
  /** Stops answering (the port closes); the data stays. */
  stop(): Promise<void>;
  /** Serves the same data on the same port again. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(backend: Backend = backends[0]): Promise<TestServer> {
  const store = await backend.create();
  const repo = await openRepository({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, masterKey: newKey() });
  const { token } = await bootstrap(repo);
  const serve = async (port: number) => {
    const app = await buildServer(repo, { onError: (err) => console.error(err) });
    return { app, url: await listen(app, '127.0.0.1', port) };
  };
  let running: FastifyInstance | undefined;
  const first = await serve(0);
  running = first.app;
  const port = Number(new URL(first.url).port);
  return {
    url: first.url,
    token,
    async stop() {
      await running?.close();
      running = undefined;
    },
    async restart() {
      running = (await serve(port)).app;
    },
    async close() {
      await running?.close();
      await repo.close();
      await store.cleanup();
    },
  };
}

/** A project with an operation and a script, ready to sync. */
export async function sampleProject(dir: string, name: string): Promise<string> {
  await createProject(dir, { name });
  await writeJson(dir, 'operations/convert.json', { id: 'convert', name: 'Convert', steps: [] });
  await writeJson(dir, 'operations/export.json', { id: 'export', name: 'Export', steps: [] });
  await writeJson(dir, 'scripts/clean.json', { id: 'clean', name: 'Clean', language: 'chorus' });
  await writeFile(join(dir, 'scripts/clean.chs'), 'a = 1;\nb = 2;\nc = 3;\nd = 4;\n');
  return dir;
}

export async function writeJson(dir: string, path: string, value: unknown): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), canonicalJson(value));
}

export async function readJson<T = Record<string, unknown>>(dir: string, path: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, path), 'utf8')) as T;
}

export async function editJson(dir: string, path: string, change: (doc: Record<string, unknown>) => void): Promise<void> {
  const doc = await readJson(dir, path);
  change(doc);
  await writeJson(dir, path, doc);
}

export async function removeFile(dir: string, path: string): Promise<void> {
  await rm(join(dir, path));
}
