import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempFolders } from '../project/test-helpers.ts';
import { clone } from './clone.ts';
import { SyncError } from './errors.ts';
import { readLocalFiles } from './local.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';
import { addRemote } from './remote.ts';
import { resolve } from './resolve.ts';
import { readState } from './state.ts';
import { createProject } from '../project/store.ts';
import { backends, readJson, removeFile, startTestServer, writeJson, type TestServer } from '../../test/sync-server.ts';

/** Replay another run with CHORUS_SYNC_SEED=<n>. */
const SEED = Number(process.env.CHORUS_SYNC_SEED ?? 20260501);
const ROUNDS = 30;
const FIELDS = ['name', 'description', 'notes'] as const;
const SCRIPT_LINES = 5;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

/**
 * Every edit writes a value never used before. A value may leave the project only when a
 * later edit replaced it knowingly (the editor had it in front of them: `supersedes`), or
 * when its component was reported in a conflict after it was made.
 */
class Ledger {
  edits: { value: string; component: string; field: string; at: number }[] = [];
  supersedes = new Map<string, string[]>();
  conflicts: { component: string; at: number }[] = [];
  clock = 0;
  #counter = 0;

  fresh(): string {
    return `v${++this.#counter}`;
  }

  edit(component: string, field: string, value: string, replaced: string[]): void {
    this.edits.push({ value, component, field, at: ++this.clock });
    this.supersedes.set(value, replaced);
  }

  conflict(component: string): void {
    this.conflicts.push({ component, at: ++this.clock });
  }

  /** Whether `old` was replaced, directly or through a chain, by the value `now` (or the deletion token). */
  replaced(now: string, old: string): boolean {
    const seen = new Set<string>();
    const queue = [now];
    while (queue.length) {
      const v = queue.pop()!;
      if (v === old) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      queue.push(...(this.supersedes.get(v) ?? []));
    }
    return false;
  }
}

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe.each(backends)('on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server?.close());

  it(`two clients making ${ROUNDS} rounds of random edits converge, losing only edits reported as resolved conflicts (seed ${SEED})`, async () => {
    const rng = random(SEED);
    const ledger = new Ledger();
    const options = { token: server.token };
    const name = `random-${SEED}`;
    const a = join(await folders.make(), 'a');
    await createProject(a, { name });
    for (let i = 0; i < 4; i++) await writeJson(a, `operations/op${i}.json`, { id: `op${i}`, name: `Op ${i}`, steps: [] });
    await writeJson(a, 'scripts/s.json', { id: 's', name: 'S', language: 'chorus' });
    await writeFile(join(a, 'scripts/s.chs'), Array.from({ length: SCRIPT_LINES }, (_, i) => `line${i}\n`).join(''));
    await addRemote(a, server.url);
    await push(a, options);
    const b = join(await folders.make(), 'b');
    await clone(server.url, name, b, options);
    let nextId = 4;

    async function randomEdit(dir: string): Promise<void> {
      const files = await readLocalFiles(dir);
      const ops = [...files.keys()].filter((p) => p.startsWith('operations/')).sort();
      const roll = rng.next();
      if (ops.length === 0) {
        await addOperation(dir);
      } else if (roll < 0.1 && ops.length > 1) {
        const path = rng.pick(ops);
        const doc = JSON.parse(files.get(path)!) as Record<string, string>;
        const token = ledger.fresh();
        ledger.edit(path, '*deleted', token, FIELDS.map((f) => doc[f]).filter(Boolean));
        await removeFile(dir, path);
      } else if (roll < 0.18) {
        await addOperation(dir);
      } else if (roll < 0.35 && files.has('scripts/s.chs')) {
        const lines = files.get('scripts/s.chs')!.split('\n').slice(0, SCRIPT_LINES);
        const i = rng.int(SCRIPT_LINES);
        const value = ledger.fresh();
        ledger.edit('scripts/s.chs', `line${i}`, value, [lines[i]]);
        lines[i] = value;
        await writeFile(join(dir, 'scripts/s.chs'), lines.map((l) => `${l}\n`).join(''));
      } else {
        // A rename is an edit of `name`: components are keyed by id, so it merges per field.
        const path = rng.pick(ops);
        const doc = JSON.parse(files.get(path)!) as Record<string, string>;
        const field = rng.pick(FIELDS);
        const value = ledger.fresh();
        ledger.edit(path, field, value, doc[field] ? [doc[field]] : []);
        await writeJson(dir, path, { ...doc, [field]: value });
      }
    }

    async function addOperation(dir: string): Promise<void> {
      const id = `op${nextId++}`;
      const value = ledger.fresh();
      ledger.edit(`operations/${id}.json`, 'name', value, []);
      await writeJson(dir, `operations/${id}.json`, { id, name: value, steps: [] });
    }

    /** Pushes, merging and resolving conflicts (randomly mine or theirs) until the push lands. */
    async function sync(dir: string): Promise<void> {
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          await push(dir, { ...options, merge: true });
          return;
        } catch (err) {
          if (!(err instanceof SyncError) || err.code !== 'SYNC_CONFLICTS') throw err;
          for (const component of Object.keys((await readState(dir)).conflicts)) {
            ledger.conflict(component);
            await resolve(dir, component, { take: rng.pick(['mine', 'theirs'] as const) });
          }
        }
      }
      throw new Error('did not converge');
    }

    for (let round = 0; round < ROUNDS; round++) {
      for (const dir of rng.next() < 0.5 ? [a, b] : [b, a]) {
        for (let n = 1 + rng.int(3); n > 0; n--) await randomEdit(dir);
        if (rng.next() < 0.7) await sync(dir);
      }
    }
    await sync(a);
    await sync(b);
    await pull(a, options);
    const final = await readLocalFiles(a);
    expect(final).toEqual(await readLocalFiles(b));
    expect(ledger.conflicts.length).toBeGreaterThan(0);

    const script = (final.get('scripts/s.chs') ?? '').split('\n');
    for (const edit of ledger.edits) {
      if (edit.field === '*deleted') continue;
      const path = edit.component.startsWith('scripts/') ? 'scripts/s.chs' : edit.component;
      let now: string | undefined;
      if (final.has(path)) {
        now = path === 'scripts/s.chs' ? script[Number(edit.field.slice(4))] : (JSON.parse(final.get(path)!) as Record<string, string>)[edit.field];
      } else {
        // Deleted: by a deletion that knew the value, or the component was in a reported conflict.
        now = ledger.edits.filter((e) => e.component === edit.component && e.field === '*deleted').find((e) => ledger.replaced(e.value, edit.value))?.value;
      }
      const present = now === edit.value;
      const knowinglyReplaced = now !== undefined && ledger.replaced(now, edit.value);
      const conflicted = ledger.conflicts.some((c) => c.component === edit.component.replace(/\.[^./]+$/, '') && c.at > edit.at);
      if (!(present || knowinglyReplaced || conflicted)) {
        throw new Error(`edit ${edit.value} of ${edit.component} ${edit.field} was lost (now ${now ?? 'absent'})`);
      }
    }
    // Both folders hold exactly what the head holds: nothing unpushed remains.
    expect(await readJson(a, 'chorus.json')).toMatchObject({ name });
    expect(await readFile(join(b, '.gitignore'), 'utf8')).toBe('.chorus/\n');
  }, 120_000);
});
