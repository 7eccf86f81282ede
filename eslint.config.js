// Lint, and the import-boundary rules that back up the per-environment tsconfigs
// (see ARCHITECTURE.md: engine never imports the host or the UI; the pure core never
// imports Node built-ins, because the renderer bundles it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const outsideEngine = [
  { group: ['electron', 'electron/*'], message: 'engine/ never imports Electron.' },
  { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'engine/ never imports main/, preload/ or renderer/.' },
  { group: ['react', 'react-dom', 'react/*'], message: 'engine/ never imports React.' },
];
// The repository server may use the engine's model, never the studio (host, bridge, UI).
const outsideRepository = [
  { group: ['electron', 'electron/*'], message: 'repository/ never imports Electron.' },
  { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'repository/ never imports main/, preload/ or renderer/.' },
  { group: ['react', 'react-dom', 'react/*'], message: 'repository/ never imports React.' },
];
const rendererBoundary = [
  { group: ['electron', 'electron/*'], message: 'The renderer never imports Electron: it talks to the host through the studio API.' },
  { group: ['**/main/**'], message: 'The renderer never imports main/: it calls the studio API.' },
  {
    group: ['**/engine/src/*', '!**/engine/src/core', '**/engine/src/*/**', '!**/engine/src/core/**'],
    message: 'The renderer imports only the pure core of the engine (engine/src/core); other engine types come through preload/contract.ts.',
  },
];
// Electron is imported only by the Electron wiring (main/electron) and the preload script;
// everything else runs in plain Node, which is how it is tested.
const electronOnlyInWiring = [
  { group: ['electron', 'electron/*'], message: 'Only main/electron/ and preload/preload.ts import Electron; pass Electron objects in instead.' },
];
const nodeBuiltins = [
  ...builtinModules.filter((m) => !m.startsWith('_')),
  ...builtinModules.map((m) => `node:${m}`),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'bench/data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['main/electron/**', 'preload/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: electronOnlyInWiring }] },
  },
  {
    // The wiring's tests use fakes: Electron's types, never its module (it cannot even load here).
    files: ['main/electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: electronOnlyInWiring.map((p) => ({ ...p, allowTypeImports: true, message: 'Tests never load Electron: import its types only and pass fakes.' })) }] },
  },
  {
    files: ['engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outsideEngine }] },
  },
  {
    // The repository server depends on the engine, not the other way round; only tests
    // (and their support in engine/test/) start a real server.
    files: ['engine/src/**/*.ts'],
    ignores: ['engine/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...outsideEngine, { group: ['**/repository/**'], message: 'engine/ never imports repository/.' }] }] },
  },
  {
    files: ['repository/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outsideRepository }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in the browser: no Node built-ins.' })),
        patterns: rendererBoundary,
      }],
    },
  },
  {
    files: ['engine/src/core/**/*.ts'],
    ignores: ['engine/src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The pure core of the engine never imports Node built-ins.' })),
        patterns: outsideEngine,
      }],
    },
  },
);
