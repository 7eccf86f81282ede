// W7: syncing a 500-operation project with a design repository on loopback. A full-project
// transfer (the first push, and a clone into a fresh folder) against the transfer of one
// changed operation (a push from client A, a pull into client B): bytes, requests and time,
// and their ratios measured in the same run. Target: bytes proportional to the change, and
// push and pull each <= 200 ms.
// Each round starts its own repository (SQLite, 127.0.0.1, in this process, as
// engine/test/sync-server.ts does), so every full push really uploads every content.
// Bytes are counted at the server: request and response bodies (content-length, in Fastify
// hooks) and everything on the sockets (bodies plus HTTP headers). The sync client is unchanged.
// A push sends its revision as changes to its base and a pull asks for the changes since its
// base, so neither carries the revision manifest; the full push and the clone still do.
// Operations: BENCH_W7_OPERATIONS (default 500); rounds: BENCH_W7_ROUNDS (default 5).
import type { Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newKey } from '../repository/src/crypto/aead.ts';
import { bootstrap } from '../repository/src/domain/bootstrap.ts';
import { buildServer, listen } from '../repository/src/http/server.ts';
import { openRepository } from '../repository/src/repository.ts';
import { createProject, loadProject } from '../engine/src/project/store.ts';
import { clone } from '../engine/src/sync/clone.ts';
import { manifestOf, readLocalFiles } from '../engine/src/sync/local.ts';
import { pull } from '../engine/src/sync/pull.ts';
import { push } from '../engine/src/sync/push.ts';
import { addRemote } from '../engine/src/sync/remote.ts';
import { editJson, writeJson } from '../engine/test/sync-server.ts';

const OPERATIONS = Number(process.env.BENCH_W7_OPERATIONS ?? 500);
const ROUNDS = Number(process.env.BENCH_W7_ROUNDS ?? 5);
const TARGET_MS = 200;

/** What crossed the wire during one sync command, as the server saw it. */
interface Traffic {
  requests: number;
  /** Request and response bodies. */
  bodyBytes: number;
  /** Everything read from and written to the sockets: bodies and HTTP headers. */
  wireBytes: number;
  ms: number;
}

/** A repository on 127.0.0.1 that counts the traffic it serves. */
async function startCountingServer() {
  const dataDir = await mkdtemp(join(tmpdir(), 'chorus-w7-repo-'));
  const repo = await openRepository({ dataDir, masterKey: newKey() });
  const { token } = await bootstrap(repo);
  // The default limit (6000 requests a minute per token) would stop the full transfers of the later rounds.
  const app = await buildServer(repo, { rateLimit: { max: 1_000_000, timeWindowMs: 60_000 }, onError: (err) => console.error(err) });
  const counts = { requests: 0, bodyBytes: 0 };
  app.addHook('onResponse', async (request, reply) => {
    counts.requests++;
    counts.bodyBytes += Number(request.headers['content-length'] ?? 0) + Number(reply.getHeader('content-length') ?? 0);
  });
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => sockets.add(socket));
  const url = await listen(app, '127.0.0.1', 0);
  const wireBytes = () => [...sockets].reduce((sum, s) => sum + s.bytesRead + s.bytesWritten, 0);
  return {
    url,
    token,
    /** Runs `work` and reports the traffic and time it took. */
    async measure(work: () => Promise<unknown>): Promise<Traffic> {
      const before = { ...counts, wireBytes: wireBytes() };
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      return { requests: counts.requests - before.requests, bodyBytes: counts.bodyBytes - before.bodyBytes, wireBytes: wireBytes() - before.wireBytes, ms };
    },
    async close() {
      await app.close();
      await repo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A project of `n` operations, each reading a file, transforming and writing one: per
 * operation the operation, its read and write activities, their two endpoints, the
 * transformation and its two schemas, as canonical JSON.
 */
async function generateProject(dir: string, n: number): Promise<number> {
  await createProject(dir, { name: 'W7 orders' });
  const pad = (i: number) => String(i).padStart(3, '0');
  const writes: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const k = pad(i);
    writes.push(
      writeJson(dir, `operations/op-${k}.json`, {
        id: `op-${k}`,
        name: `Sync orders ${k}`,
        description: `Moves the orders of shop ${k} to the warehouse.`,
        steps: [
          { kind: 'read', activity: `read-${k}` },
          { kind: 'transform', transformation: `map-${k}` },
          { kind: 'write', activity: `write-${k}` },
        ],
        options: { timeoutSeconds: 300, retries: { count: 2, delaySeconds: 5, factor: 2 }, debug: false, previewRecords: 20 },
      }),
      writeJson(dir, `activities/read-${k}.json`, {
        id: `read-${k}`, name: `Read orders ${k}`, type: 'read', endpoint: `in-${k}`, filter: `orders-${k}-*.json`, ifNone: 'succeed',
        format: { type: 'json', mode: 'array', records: 'orders' }, schema: `in-${k}`, afterRead: { action: 'rename', to: '[file].done' },
      }),
      writeJson(dir, `activities/write-${k}.json`, {
        id: `write-${k}`, name: `Write orders ${k}`, type: 'write', endpoint: `out-${k}`, fileName: `orders-${k}-[runId].xml`, mode: 'unique',
        format: { type: 'xml', root: 'orders', record: 'order', indent: 2 }, schema: `out-${k}`,
      }),
      writeJson(dir, `endpoints/in-${k}.json`, { id: `in-${k}`, name: `Inbox ${k}`, kind: 'file', settings: { folder: `[inboxRoot]/shop-${k}` } }),
      writeJson(dir, `endpoints/out-${k}.json`, { id: `out-${k}`, name: `Outbox ${k}`, kind: 'file', settings: { folder: `out/shop-${k}` } }),
      writeJson(dir, `transformations/map-${k}.json`, {
        id: `map-${k}`, name: `Shop ${k} to warehouse`, source: `in-${k}`, target: `out-${k}`,
        fields: [
          { name: 'number', from: 'id' },
          { name: 'source', const: `shop-${k}` },
          { name: 'customer', fields: [{ name: 'name', formula: '<trans>ToUpper(customer.name)</trans>' }, { name: 'city', from: 'customer.city' }] },
          { name: 'line', loop: 'items', fields: [{ name: 'sku', from: 'sku' }, { name: 'quantity', from: 'qty', type: 'integer' }, { name: 'order', from: '../id' }] },
        ],
      }),
      writeJson(dir, `schemas/in-${k}.json`, {
        id: `in-${k}`, name: `Shop ${k} order`,
        fields: [
          { name: 'id', type: 'integer', required: true },
          { name: 'customer', type: 'object', children: [{ name: 'name', type: 'string' }, { name: 'city', type: 'string' }] },
          { name: 'items', type: 'object', repeating: true, children: [{ name: 'sku', type: 'string', required: true }, { name: 'qty', type: 'string' }] },
        ],
      }),
      writeJson(dir, `schemas/out-${k}.json`, {
        id: `out-${k}`, name: `Warehouse order ${k}`,
        fields: [
          { name: 'number', type: 'integer', attribute: true },
          { name: 'source', type: 'string' },
          { name: 'customer', type: 'object', children: [{ name: 'name', type: 'string' }, { name: 'city', type: 'string' }] },
          { name: 'line', type: 'object', repeating: true, children: [{ name: 'sku', type: 'string' }, { name: 'quantity', type: 'integer' }, { name: 'order', type: 'integer' }] },
        ],
      }),
    );
    // Bounded: a few hundred files open at once at most.
    if (writes.length >= 400) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  const loaded = await loadProject(dir);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.project || errors.length) throw new Error(`the generated project does not load: ${errors.slice(0, 3).map((p) => `${p.file} ${p.message}`).join('; ')}`);
  return loaded.loadedFiles.size;
}

const work = await mkdtemp(join(tmpdir(), 'chorus-w7-'));
const results: { fullPush: Traffic; clone: Traffic; push: Traffic; pull: Traffic }[] = [];
let files = 0;
let projectBytes = 0;
let manifestBytes = 0;
try {
  for (let round = 0; round < ROUNDS; round++) {
    const server = await startCountingServer();
    try {
      const options = { token: server.token, env: {} };
      const a = join(work, `a-${round}`);
      const b = join(work, `b-${round}`);
      files = await generateProject(a, OPERATIONS);
      const generated = await readLocalFiles(a);
      projectBytes = [...generated.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      manifestBytes = Buffer.byteLength(JSON.stringify(manifestOf(generated)));
      await addRemote(a, server.url);
      const fullPush = await server.measure(() => push(a, { ...options, message: 'first' }));
      const cloned = await server.measure(() => clone(server.url, 'W7 orders', b, options));

      // One operation changes in A; B pulls it.
      const changed = `operations/op-${String(Math.floor(OPERATIONS / 2)).padStart(3, '0')}.json`;
      await editJson(a, changed, (doc) => (doc.description = `Changed in round ${round}.`));
      const pushed = await server.measure(async () => {
        const result = await push(a, { ...options, message: 'change one operation' });
        if (result.uploaded !== 1) throw new Error(`push of one change uploaded ${result.uploaded} contents`);
      });
      const pulled = await server.measure(async () => {
        const result = await pull(b, options);
        if (result.downloaded !== 1 || result.written.join() !== changed) throw new Error(`pull of one change downloaded ${result.downloaded}, wrote ${result.written.join(', ')}`);
      });
      const [filesA, filesB] = [await readLocalFiles(a), await readLocalFiles(b)];
      if (filesA.size !== files || [...filesA].some(([path, text]) => filesB.get(path) !== text)) throw new Error('A and B differ after the pull');
      results.push({ fullPush, clone: cloned, push: pushed, pull: pulled });
    } finally {
      await server.close();
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Bytes and requests are the same in every round; times are the best of the rounds. */
const best = (key: keyof (typeof results)[number]): Traffic => ({ ...results[0][key], ms: Math.min(...results.map((r) => r[key].ms)) });
const rows = { 'full push': best('fullPush'), 'clone': best('clone'), 'push 1 op': best('push'), 'pull 1 op': best('pull') };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;

console.log(`W7: a ${OPERATIONS}-operation project (${files} files, ${kb(projectBytes)}) synced on loopback, SQLite, best of ${ROUNDS}`);
console.log('transfer   | requests | body bytes | wire bytes |    time');
for (const [name, t] of Object.entries(rows)) {
  console.log(`${name.padEnd(10)} | ${String(t.requests).padStart(8)} | ${kb(t.bodyBytes).padStart(10)} | ${kb(t.wireBytes).padStart(10)} | ${`${t.ms.toFixed(1)} ms`.padStart(9)}`);
}
const full = { push: rows['full push'], pull: rows.clone };
const one = { push: rows['push 1 op'], pull: rows['pull 1 op'] };
for (const side of ['push', 'pull'] as const) {
  console.log(
    `${side} 1 op / ${side === 'push' ? 'full push' : 'clone'}: body bytes ${pct(one[side].bodyBytes, full[side].bodyBytes)}, wire bytes ${pct(one[side].wireBytes, full[side].wireBytes)}, ` +
      `requests ${pct(one[side].requests, full[side].requests)}, time ${pct(one[side].ms, full[side].ms)}`,
  );
}
const changedBytes = projectBytes / files;
console.log(`one changed file is ${pct(changedBytes, projectBytes)} of the project's bytes (a file is ${changedBytes.toFixed(0)} bytes on average)`);
console.log(
  `the revision manifest (path -> SHA-256 of every file) is ${kb(manifestBytes)}: the full push and the clone carry it, a push or pull of a change carries only the change ` +
    `(push 1 op body bytes = ${(one.push.bodyBytes / changedBytes).toFixed(1)} average files, pull 1 op ${(one.pull.bodyBytes / changedBytes).toFixed(1)})`,
);
console.log(`push 1 op ${one.push.ms.toFixed(1)} ms, pull 1 op ${one.pull.ms.toFixed(1)} ms (target <= ${TARGET_MS} ms each): ${one.push.ms <= TARGET_MS && one.pull.ms <= TARGET_MS ? 'met' : 'NOT met'}`);
