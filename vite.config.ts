import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer: built into dist/renderer, which `chorus serve` (main/serve.ts) serves and
 * Electron loads. Relative base so the same files also load from file:// in Electron.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: {
    alias: { '@engine': fileURLToPath(new URL('./engine/src', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Monaco's workers are several megabytes each; that is expected for a local editor.
    chunkSizeWarningLimit: 8000,
  },
});
