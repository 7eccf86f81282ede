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
  /** Records read, checked equal across pipelines. */
  records: number;
  seconds: number;
  maxRssMb: number;
}

function measure(mode: (typeof modes)[number], csv: string, outDir: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'w1-worker.ts'), mode, csv, outDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Measure;
}

const modes = ['parser', 'udsv', 'engine'] as const;
const ROUNDS = 2;

/** Each pipeline runs ROUNDS times, interleaved, and keeps its fastest run, to even out machine noise. */
function measureAll(csv: string, outDir: string): Record<(typeof modes)[number], Measure> {
  const best = {} as Record<(typeof modes)[number], Measure>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      const m = measure(mode, csv, outDir);
      if (!best[mode] || m.seconds < best[mode].seconds) best[mode] = m;
    }
  }
  return best;
}

await mkdir(dataDir, { recursive: true });
console.log('W1: CSV (20 columns) -> 20-field mapping -> JSON array, through the engine');
console.log('baselines, no engine: "parser" = the engine\'s CSV reader + JSON.stringify in a plain loop; "udsv" = uDSV + JSON.stringify');
console.log('');
console.log('input     | engine MB/s | parser MB/s | udsv MB/s | engine/parser time | engine/udsv time | RSS engine | parser | udsv');
const rss: Record<number, number> = {};
for (const mb of sizes) {
  const csv = path.join(dataDir, `w1-${mb}mb.csv`);
  await generateCsv(csv, mb * 1024 * 1024);
  const size = (await stat(csv)).size / (1024 * 1024);
  const outDir = path.join(dataDir, 'out');
  await mkdir(outDir, { recursive: true });
  const { parser, udsv, engine } = measureAll(csv, outDir);
  for (const m of [parser, udsv]) {
    if (m.records !== engine.records) throw new Error(`record counts differ: engine ${engine.records}, baseline ${m.records}`);
  }
  rss[mb] = engine.maxRssMb;
  const rate = (m: Measure) => (size / m.seconds).toFixed(1);
  console.log(
    [
      `${String(mb).padStart(5)} MB `,
      rate(engine).padStart(11),
      rate(parser).padStart(11),
      rate(udsv).padStart(9),
      `${(engine.seconds / parser.seconds).toFixed(2)}x`.padStart(18),
      `${(engine.seconds / udsv.seconds).toFixed(2)}x`.padStart(16),
      `${engine.maxRssMb.toFixed(0)} MB`.padStart(10),
      `${parser.maxRssMb.toFixed(0)} MB`.padStart(6),
      `${udsv.maxRssMb.toFixed(0)} MB`,
    ].join(' | '),
  );
  await rm(outDir, { recursive: true, force: true });
}
if (sizes.length > 1) {
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  console.log(`\nengine peak RSS growth from ${small} MB to ${large} MB of input: ${(rss[large] - rss[small]).toFixed(0)} MB`);
}
