// `npm run bench`: the engine's benchmarks. Every figure is a ratio against a baseline
// measured in the same run, on the same machine, so the numbers travel.
// W1: CSV (20 columns) -> JSON through the engine vs the same parser in a plain loop.
// Sizes: BENCH_SIZES_MB (default "100,1000").
import { execFileSync } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCsv } from './generate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, 'data');
const sizes = (process.env.BENCH_SIZES_MB ?? '100,1000').split(',').map(Number);

interface Measure {
  records: number;
  seconds: number;
  maxRssMb: number;
}

function measure(mode: 'engine' | 'bare', csv: string, outDir: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'w1-worker.ts'), mode, csv, outDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Measure;
}

await mkdir(dataDir, { recursive: true });
console.log('W1: CSV (20 columns) to JSON, engine vs bare udsv + JSON.stringify loop');
console.log('size      | engine MB/s | bare MB/s | engine/bare time | engine RSS | bare RSS');
const rss: Record<number, number> = {};
for (const mb of sizes) {
  const csv = path.join(dataDir, `w1-${mb}mb.csv`);
  await generateCsv(csv, mb * 1024 * 1024);
  const bytes = (await stat(csv)).size / (1024 * 1024);
  const outDir = path.join(dataDir, 'out');
  await mkdir(outDir, { recursive: true });
  // Bare first, then engine, then bare again: the baseline is the faster of its two runs.
  const bare1 = measure('bare', csv, outDir);
  const engine = measure('engine', csv, outDir);
  const bare2 = measure('bare', csv, outDir);
  const bare = bare1.seconds <= bare2.seconds ? bare1 : bare2;
  if (engine.records !== bare.records) throw new Error(`record counts differ: engine ${engine.records}, bare ${bare.records}`);
  rss[mb] = engine.maxRssMb;
  console.log(
    `${String(mb).padStart(5)} MB  | ${(bytes / engine.seconds).toFixed(1).padStart(11)} | ${(bytes / bare.seconds).toFixed(1).padStart(9)} | ${(engine.seconds / bare.seconds).toFixed(2).padStart(15)}x | ${engine.maxRssMb.toFixed(0).padStart(7)} MB | ${bare.maxRssMb.toFixed(0).padStart(5)} MB`,
  );
  await rm(outDir, { recursive: true, force: true });
}
if (sizes.length > 1) {
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  console.log(`engine RSS growth from ${small} MB to ${large} MB input: ${(rss[large] - rss[small]).toFixed(0)} MB`);
}
