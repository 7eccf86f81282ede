// Shared by the studio benchmarks (W5, W6): a generated large project, `chorus serve` started
// as a user starts it, and Debian's Chromium launched with the E2E flags.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type { ActivityDoc } from '../engine/src/core/model/activity.ts';
import type { OperationDoc } from '../engine/src/core/model/operation.ts';
import type { Project } from '../engine/src/core/model/project.ts';
import type { TransformationDoc } from '../engine/src/core/model/transformation.ts';
import { createProject, loadProject, saveProject } from '../engine/src/project/store.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const exampleDir = path.join(repoRoot, 'resources/examples/csv-orders-to-json');

/** The launch flags of playwright.config.ts: the E2E tests and the benchmarks see the same browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const VIEWPORT = { width: 1400, height: 900 };

export function assertRendererBuilt(): void {
  if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) throw new Error('The renderer is not built: run `npm run build:renderer` first.');
}

export interface Serve {
  /** The URL printed by `chorus serve`, token (and project) included. */
  url: string;
  /** From spawning the process to the URL on its stdout, in ms. */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts `node bin/chorus.js serve --port 0 [--project DIR]` with a CHORUS_HOME of its own, as a user would start it. */
export async function startServe(project?: string): Promise<Serve> {
  const home = mkdtempSync(path.join(tmpdir(), 'chorus-bench-home-'));
  const args = ['bin/chorus.js', 'serve', '--port', '0', ...(project ? ['--project', project] : [])];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, CHORUS_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chorus serve did not print its URL within 60 s\n${out}${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Chorus Studio: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`chorus serve exited with ${code}\n${out}${err}`)));
  });
  const startMs = performance.now() - started;
  return {
    url,
    startMs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a project of `operations` operations on one workflow, through the engine's project
 * store: each operation reads, transforms and writes (its own read and write activities and
 * transformation, as in a real project), laid out on a grid, chained on success along each row,
 * with an on-failure edge from every tenth operation to an error handler further on.
 */
export async function generateLargeProject(dir: string, operations: number): Promise<void> {
  const example = (await loadProject(exampleDir)).project;
  if (!example) throw new Error(`${exampleDir} does not load`);
  const created = await createProject(dir, { name: `W5: ${operations} operations`, id: 'bench-w5' });
  const pick = <T extends { id: string }>(list: T[], id: string) => list.find((c) => c.id === id)!;
  const read = pick(example.activities, 'read-orders');
  const write = pick(example.activities, 'write-orders');
  const transformation = pick(example.transformations, 'row-to-order') as TransformationDoc;
  const COLUMNS = 25;
  const id = (i: number) => `op-${String(i).padStart(4, '0')}`;

  const activities: ActivityDoc[] = [];
  const transformations: TransformationDoc[] = [];
  const ops: OperationDoc[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < operations; i++) {
    const n = String(i).padStart(4, '0');
    activities.push({ ...read, id: `read-${n}`, name: `Read orders ${n}` } as ActivityDoc);
    activities.push({ ...write, id: `write-${n}`, name: `Write orders ${n}` } as ActivityDoc);
    transformations.push({ ...transformation, id: `map-${n}`, name: `Map orders ${n}` });
    const endOfRow = i % COLUMNS === COLUMNS - 1 || i === operations - 1;
    ops.push({
      id: id(i),
      name: `Orders ${n}`,
      steps: [
        { kind: 'read', activity: `read-${n}` },
        { kind: 'transform', transformation: `map-${n}` },
        { kind: 'write', activity: `write-${n}` },
      ],
      ...(endOfRow ? {} : { onSuccess: [id(i + 1)] }),
      ...(i % 10 === 0 && i + 5 < operations ? { onFailure: [id(i + 5)] } : {}),
    });
    layout[id(i)] = { x: 80 + (i % COLUMNS) * 360, y: 80 + Math.floor(i / COLUMNS) * 240 };
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const project: Project = {
    ...example,
    manifest: created.project!.manifest,
    activities: activities.sort(byId),
    transformations: transformations.sort(byId),
    operations: ops,
    scripts: [],
    schedules: [],
    tests: [],
    workflows: [{ id: 'main', name: 'Orders at scale', operations: ops.map((o) => o.id), layout }],
  };
  await saveProject(dir, project, created);
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
