import { afterEach, describe, expect, it } from 'vitest';
import { backends, type TestStore } from '../test/backends.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openDatabase } from './open.ts';

const opened: { store: TestStore; db: Database }[] = [];
afterEach(async () => {
  for (const { store, db } of opened.splice(0)) {
    await db.close();
    await store.cleanup();
  }
});

async function columnsOf(db: Database): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.all<{ t: string; c: string }>("SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
      : await db.all<{ t: string; c: string }>("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'");
  return rows.map((r) => `${r.t}.${r.c}`).sort();
}

describe('migrations', () => {
  it('apply each version once, and leave both dialects with the same tables and columns', async () => {
    const columns: string[][] = [];
    for (const backend of backends) {
      const store = await backend.create();
      const db = await openDatabase(store);
      opened.push({ store, db });
      expect(await migrate(db), backend.name).toEqual([]);
      expect(await db.all('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
      columns.push(await columnsOf(db));
    }
    expect(columns[0]).toContain('revisions.manifest');
    expect(columns[1]).toEqual(columns[0]);
  });
});
