import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'repository/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
