import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

/** The URL `chorus serve` printed, token included. */
export function studioUrl(): string {
  const url = process.env.CHORUS_URL;
  if (!url) throw new Error('CHORUS_URL is not set: the global setup starts chorus serve');
  return url;
}

interface Fixtures {
  /** A fresh folder for this test, removed afterwards. */
  workDir: string;
  /** A copy of resources/examples/csv-orders-to-json in this test's own folder. */
  projectDir: string;
  /** Console errors of the page; a test fails if any appear (CSP violations among them). */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  workDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chorus-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  projectDir: async ({ workDir }, use) => {
    const dir = path.join(workDir, 'orders');
    cpSync('resources/examples/csv-orders-to-json', dir, { recursive: true });
    await use(dir);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

/** Opens the studio on a project folder (as `chorus serve --project` would) and waits until it is shown. */
export async function openProject(page: Page, folder: string): Promise<void> {
  await page.goto(`${studioUrl()}&project=${encodeURIComponent(folder)}`);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'loaded');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}
