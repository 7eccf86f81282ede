import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const examplesDir = fileURLToPath(new URL('../../resources/examples/', import.meta.url));

/** A fresh temporary folder; `cleanup` removes it. */
export async function tempDir(prefix = 'chorus-studio-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of a bundled example project inside `parent`. */
export async function copyExample(name: string, parent: string): Promise<string> {
  const dir = path.join(parent, name);
  await cp(path.join(examplesDir, name), dir, { recursive: true });
  return dir;
}

/** Replaces the orders CSV of `csv-orders-to-json` with `rows` generated rows, for long runs. */
export async function writeBigOrdersCsv(projectDir: string, rows: number): Promise<void> {
  const lines = ['order_id,order_date,customer_name,customer_email,country,total,paid'];
  for (let i = 0; i < rows; i++) lines.push(`SO-${i},2026-11-02,Customer ${i},c${i}@example.com,GB,${(i % 1000) + 0.5},yes`);
  await writeFile(path.join(projectDir, 'data/in/orders.csv'), `${lines.join('\n')}\n`);
}
