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
    files: ['engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outsideEngine }] },
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
