// Bundles preload/preload.ts into dist/electron/preload.cjs: one CommonJS file that
// requires nothing but 'electron', as a sandboxed preload must.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    // Readable in the packaged app; the file is small.
    minify: false,
    target: 'chrome130',
    lib: { entry: 'preload/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
