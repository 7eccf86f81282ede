// W5: the workflow canvas with a generated project of 500 operations (1,500 steps: about 2,000
// nodes and step entries). Measures, in Debian's Chromium driven by Playwright: the time from
// navigation to an interactive canvas, and frame times while panning with mouse drags, at
// working zoom (100%) and zoomed out to the whole workflow. Frames are requestAnimationFrame
// timestamps collected in the page; a Chromium trace of the pans is written when
// BENCH_W5_TRACE names a file (open it in chrome://tracing or Perfetto).
// Operations: BENCH_W5_OPERATIONS (default 500).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { VIEWPORT, assertRendererBuilt, generateLargeProject, launchChromium, median, percentile, startServe } from './studio.ts';

const OPERATIONS = Number(process.env.BENCH_W5_OPERATIONS ?? 500);
const TRACE = process.env.BENCH_W5_TRACE;
const TARGET_FPS = 60;

declare global {
  interface Window {
    /** performance.now() of the first frame showing the loaded canvas with its nodes. */
    __w5Shown?: number;
    /** Frame timestamps, collected while `__w5Recording` is set. */
    __w5Frames: number[];
    __w5Recording: boolean;
  }
}

/**
 * Runs in the page before its own scripts: watches every frame for the canvas, and records
 * frame timestamps on demand. A string, because tsx wraps named functions in a helper that
 * does not exist in the page.
 */
const frameProbe = `
  window.__w5Frames = [];
  window.__w5Recording = false;
  function w5Tick(t) {
    if (window.__w5Recording) window.__w5Frames.push(t);
    if (window.__w5Shown === undefined && document.getElementById('root')?.dataset.appState === 'loaded') {
      const node = document.querySelector('.react-flow__viewport .react-flow__node');
      if (node && getComputedStyle(node).visibility !== 'hidden') window.__w5Shown = t;
    }
    requestAnimationFrame(w5Tick);
  }
  requestAnimationFrame(w5Tick);
`;

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** Clicks a zoom control until the zoom passes `target` (or stops changing). */
async function zoomTo(page: Page, target: number): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const zoom = await zoomOf(page);
    const button = zoom < target ? '.react-flow__controls-zoomin' : '.react-flow__controls-zoomout';
    if ((zoom < target && zoom * 1.2 > target * 1.1) || Math.abs(zoom - target) < 0.01) return zoom;
    if (await page.locator(button).isDisabled()) return zoom;
    await page.locator(button).click();
    await page.waitForTimeout(50);
    if ((await zoomOf(page)) === zoom) return zoom;
  }
  return zoomOf(page);
}

/** A point of the empty pane inside the canvas, where a drag pans rather than moves a node. */
async function panePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let fy = 0.3; fy < 0.95; fy += 0.05) {
      for (let fx = 0.3; fx < 0.95; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return undefined;
  });
  if (!point) throw new Error('no empty pane to start a drag on');
  return point;
}

interface Pan {
  zoom: number;
  /** Nodes in the DOM at the end of the pan (React Flow renders only those in view when culling). */
  nodesInDom: number;
  frames: number[];
  seconds: number;
}

/** Pans with `drags` mouse drags (each `dx`,`dy` in 40 mouse moves), recording the frame times. */
async function pan(page: Page, drags: { dx: number; dy: number }[]): Promise<Omit<Pan, 'zoom'>> {
  await page.evaluate(() => {
    window.__w5Frames = [];
    window.__w5Recording = true;
  });
  const started = performance.now();
  for (const { dx, dy } of drags) {
    const from = await panePoint(page);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + dx, from.y + dy, { steps: 40 });
    await page.mouse.up();
  }
  const seconds = (performance.now() - started) / 1000;
  const timestamps = await page.evaluate(() => {
    window.__w5Recording = false;
    return window.__w5Frames;
  });
  const frames = timestamps.slice(1).map((t, i) => t - timestamps[i]);
  const nodesInDom = await page.locator('.react-flow__node').count();
  return { frames, seconds, nodesInDom };
}

assertRendererBuilt();
const loadBefore = loadavg();
const work = mkdtempSync(path.join(tmpdir(), 'chorus-bench-w5-'));
const projectDir = path.join(work, 'large');
const browser = await launchChromium();
let serve: Awaited<ReturnType<typeof startServe>> | undefined;
try {
  const generated = performance.now();
  await generateLargeProject(projectDir, OPERATIONS);
  const generateSeconds = (performance.now() - generated) / 1000;
  serve = await startServe(projectDir);

  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript({ content: frameProbe });
  const navigated = performance.now();
  await page.goto(serve.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__w5Shown !== undefined, undefined, { timeout: 120_000, polling: 100 });
  const wallMs = performance.now() - navigated;
  const shownMs = await page.evaluate(() => window.__w5Shown!);
  const loaded = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const opened = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/projects/open')) as PerformanceResourceTiming | undefined;
    return { domContentLoaded: nav.domContentLoadedEventEnd, projectAnswered: opened?.responseEnd ?? NaN };
  });
  const initialNodes = await page.locator('.react-flow__node').count();
  await page.waitForTimeout(500);

  if (TRACE) await browser.startTracing(page, { path: TRACE, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing'] });
  const pans: Record<'working' | 'first' | 'out', Pan> = {} as Record<'working' | 'first' | 'out', Pan>;
  const across = [...Array(6).fill({ dx: -420, dy: 0 }), { dx: 0, dy: -300 }, ...Array(6).fill({ dx: 420, dy: 0 }), { dx: 0, dy: 300 }];
  // The first view: fitted, which a large workflow clamps to the smallest readable zoom.
  pans.first = { zoom: await zoomOf(page), ...(await pan(page, across)) };
  // Working zoom: 100%, across the rows and back.
  const working = await zoomTo(page, 1);
  pans.working = { zoom: working, ...(await pan(page, across)) };
  // Zoomed out as far as the canvas goes: the whole workflow in view.
  const out = await zoomTo(page, 0.01);
  pans.out = { zoom: out, ...(await pan(page, across)) };
  if (TRACE) await browser.stopTracing();
  if (errors.length) throw new Error(`errors in the page:\n${errors.join('\n')}`);

  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`W5: a workflow of ${OPERATIONS} operations (${OPERATIONS * 3} steps, ${OPERATIONS * 4} nodes and step entries), Chromium ${browser.version()} headless, software rendering, ${VIEWPORT.width}x${VIEWPORT.height}`);
  console.log(`load average before the run: ${loadBefore.map((l) => l.toFixed(1)).join(', ')} (${cpus().length} cores; other processes slow every figure)`);
  console.log(`project generated in ${fmt(generateSeconds)} s; chorus serve started in ${fmt(serve.startMs / 1000, 2)} s`);
  console.log('');
  console.log(`navigation to interactive canvas: ${fmt(shownMs / 1000, 2)} s (page clock; seen by Playwright after ${fmt(wallMs / 1000, 2)} s); ${initialNodes} of ${OPERATIONS} operation nodes in the DOM`);
  console.log(
    `  of which: scripts loaded (DOMContentLoaded) ${fmt(loaded.domContentLoaded / 1000, 2)} s, the project answered by the API at ${fmt(loaded.projectAnswered / 1000, 2)} s, validation and the first canvas frame ${fmt((shownMs - loaded.projectAnswered) / 1000, 2)} s`,
  );
  console.log('');
  console.log('pan (mouse drags)   | zoom | nodes in DOM | frames | median frame | p95 frame | fps   | fps / target');
  for (const [label, p] of [
    ['working zoom', pans.working],
    ['first view (fit)', pans.first],
    ['zoomed out', pans.out],
  ] as const) {
    const fps = p.frames.length / p.frames.reduce((a, b) => a + b, 0) * 1000;
    console.log(
      [
        label.padEnd(19),
        `${Math.round(p.zoom * 100)}%`.padStart(4),
        String(p.nodesInDom).padStart(12),
        String(p.frames.length).padStart(6),
        `${fmt(median(p.frames))} ms`.padStart(12),
        `${fmt(percentile(p.frames, 95))} ms`.padStart(9),
        fmt(fps).padStart(5),
        `${fmt(fps / TARGET_FPS, 2)}x`.padStart(12),
      ].join(' | '),
    );
  }
  console.log(`target: ${TARGET_FPS} fps at working zoom (median frame <= ${fmt(1000 / TARGET_FPS)} ms); the display runs at 60 Hz, so 1.00x is the ceiling`);
  await context.close();
} finally {
  await browser.close();
  await serve?.stop();
  rmSync(work, { recursive: true, force: true });
}
