import { defineConfig } from '@playwright/test';

/**
 * E2E through the real UI: `chorus serve` (started by the global setup, with its own
 * CHORUS_HOME) serving the built renderer, driven in Debian's Chromium (no browser download).
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: 'list',
  outputDir: 'test-results/artifacts',
  use: {
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
