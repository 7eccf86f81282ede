import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import-boundary rules of eslint.config.js, exercised on code that breaks them.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keep Node built-ins out of the pure core', async () => {
    expect(await restrictedImports('engine/src/core/example.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([
      expect.stringContaining('pure core'),
    ]);
    expect(await restrictedImports('engine/src/core/example.ts', "import path from 'path';\nexport const p = path;\n")).toHaveLength(1);
  });

  it('keep Electron, the host and the UI out of the engine', async () => {
    expect(await restrictedImports('engine/src/runtime/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('Electron'),
    ]);
    expect(await restrictedImports('engine/src/runtime/example.ts', "import { x } from '../../../main/x.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('engine/src/core/example.ts', "import React from 'react';\nexport const r = React;\n")).toHaveLength(1);
  });

  it('let the Node part of the engine use Node', async () => {
    expect(await restrictedImports('engine/src/runtime/example.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual([]);
  });
});
