import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The server for creating and dropping test databases; override with CHORUS_TEST_POSTGRES_URL. */
export const POSTGRES_ADMIN_URL = process.env.CHORUS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty store: a data folder, and for PostgreSQL a database of its own. */
export interface TestStore {
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestStore>;
}

async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'chorus-repo-test-'));
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    async create() {
      const dataDir = await tempDataDir();
      return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async create() {
      const dataDir = await tempDataDir();
      const name = `chorus_repo_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      return {
        dataDir,
        databaseUrl: url.toString(),
        async cleanup() {
          await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
