// W6: the browser host's cold start, and the script editor's first open. Each run copies the
// csv-orders-to-json example, spawns `node bin/chorus.js serve --port 0 --project <copy>` (its
// own CHORUS_HOME), opens the printed URL in a fresh Chromium context (empty cache) and waits
// for `data-app-state="loaded"`; then clicks the script in the explorer and waits for Monaco to
// show its text (Monaco is loaded lazily, by that click). Times on the page side come from the
// page's own clock (performance.now(), event timestamps), so Playwright's polling is not counted.
// Runs: BENCH_W6_RUNS (default 5); the median counts.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { VIEWPORT, assertRendererBuilt, exampleDir, launchChromium, median, startServe } from './studio.ts';

const RUNS = Number(process.env.BENCH_W6_RUNS ?? 5);
const TARGET_START_MS = 1500;
const TARGET_MONACO_MS = 300;

declare global {
  interface Window {
    /** performance.now() when the root first said `loaded`. */
    __w6Loaded?: number;
    /** Timestamp of the click that opens the script. */
    __w6Clicked?: number;
    /** performance.now() of the first frame after the script's text is in the editor. */
    __w6Shown?: number;
  }
}

/** Installed before the page's scripts (a string: tsx's name helper does not exist in the page). */
const loadProbe = `
  new MutationObserver((_, observer) => {
    if (document.getElementById('root')?.dataset.appState === 'loaded') {
      window.__w6Loaded = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-app-state'], childList: true });
`;

/** Times the script editor from the click to the first frame showing the script's text. */
const editorProbe = `
  document.addEventListener('click', (e) => { window.__w6Clicked ??= e.timeStamp; }, { capture: true });
  new MutationObserver((_, observer) => {
    const lines = document.querySelector('[data-testid="script-editor"] .view-lines');
    if (lines && lines.textContent.includes('WriteToOperationLog')) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__w6Shown = performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

interface Run {
  /** Spawn to the URL printed. */
  serverMs: number;
  /** The URL printed to the navigation's start (Playwright sending the page there). */
  handoverMs: number;
  /** Navigation start to `data-app-state="loaded"`. */
  pageMs: number;
  totalMs: number;
  monacoMs: number;
  /** Click to the last of Monaco's chunks downloaded (the rest of monacoMs is parsing them and creating the editor). */
  chunksMs: number;
}


assertRendererBuilt();
const loadBefore = loadavg();
const work = mkdtempSync(path.join(tmpdir(), 'chorus-bench-w6-'));
const browser = await launchChromium();
const runs: Run[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const projectDir = path.join(work, `orders-${i}`);
    cpSync(exampleDir, projectDir, { recursive: true });
    // A fresh context per run: empty cache, nothing shared with the run before.
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript({ content: loadProbe });

    const spawned = Date.now();
    const serve = await startServe(projectDir);
    try {
      await page.goto(serve.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__w6Loaded !== undefined, undefined, { timeout: 30_000 });
      const { origin, loaded } = await page.evaluate(() => ({ origin: performance.timeOrigin, loaded: window.__w6Loaded! }));

      await page.evaluate(editorProbe);
      await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'Log summary' }).click();
      await page.waitForFunction(() => window.__w6Shown !== undefined, undefined, { timeout: 30_000 });
      const { monaco, chunks } = await page.evaluate(() => {
        const fetched = performance
          .getEntriesByType('resource')
          .filter((e) => /\/(ScriptEditor|editor\.api)-[^/]*\.js$/.test(e.name))
          .map((e) => (e as PerformanceResourceTiming).responseEnd);
        return { monaco: window.__w6Shown! - window.__w6Clicked!, chunks: Math.max(...fetched) - window.__w6Clicked! };
      });
      if (errors.length) throw new Error(`errors in the page:\n${errors.join('\n')}`);

      const totalMs = origin + loaded - spawned;
      runs.push({ serverMs: serve.startMs, handoverMs: origin - spawned - serve.startMs, pageMs: loaded, totalMs, monacoMs: monaco, chunksMs: chunks });
    } finally {
      await context.close();
      await serve.stop();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const ms = (n: number) => `${Math.round(n)} ms`;
const row = (label: string, r: Run) =>
  [
    label.padEnd(7),
    ms(r.serverMs).padStart(12),
    ms(r.handoverMs).padStart(8),
    ms(r.pageMs).padStart(14),
    ms(r.totalMs).padStart(15),
    ms(r.monacoMs).padStart(17),
    ms(r.chunksMs).padStart(14),
  ].join(' | ');
const med = (key: keyof Run) => median(runs.map((r) => r[key]));
const medians = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, med(k as keyof Run)])) as unknown as Run;

console.log(`W6: browser-host cold start on the csv-orders-to-json example, Chromium ${browser.version()} headless, software rendering, ${RUNS} runs`);
console.log(`load average before the runs: ${loadBefore.map((l) => l.toFixed(1)).join(', ')} (${cpus().length} cores; other processes slow every figure)`);
console.log('run     | server start | handover | page to loaded | spawn to loaded | Monaco first open | chunks fetched');
runs.forEach((r, i) => console.log(row(String(i + 1), r)));
console.log(row('median', medians));
console.log('');
console.log(`spawn to loaded: ${ms(medians.totalMs)}, ${(medians.totalMs / TARGET_START_MS).toFixed(2)}x the target (<= ${TARGET_START_MS} ms)`);
console.log('server start = spawn to the URL printed (Node, tsx, fastify, the project opened); handover = URL printed to navigation start');
console.log(`Monaco first open (click to text on screen): ${ms(medians.monacoMs)}, ${(medians.monacoMs / TARGET_MONACO_MS).toFixed(2)}x the target (<= ${TARGET_MONACO_MS} ms); its chunks are fetched in the first ${ms(medians.chunksMs)}`);
