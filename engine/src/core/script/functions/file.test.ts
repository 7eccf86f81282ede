import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { FileCapability, ScriptEnv } from '../env.ts';
import { failed, ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

/**
 * An in-memory file capability: one folder per reference, a buffer per (target, name).
 * Globs are reduced to `*` for the tests' needs.
 */
function memoryFiles(folders: Record<string, Record<string, string>>): FileCapability & { buffers: Map<string, Uint8Array[]> } {
  const buffers = new Map<string, Uint8Array[]>();
  const folder = (ref: string) => folders[ref] ?? (folders[ref] = {});
  const matching = (ref: string, filter = '*') => {
    const re = new RegExp(`^${filter.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return Object.keys(folder(ref))
      .filter((n) => !n.endsWith('/') && re.test(n))
      .sort();
  };
  return {
    buffers,
    read(ref, filter) {
      const [first] = matching(ref, filter);
      if (first === undefined) throw failed(`no file matches ${filter ?? '*'}`);
      return new TextEncoder().encode(folder(ref)[first]);
    },
    write(ref, content, fileName = 'out.txt') {
      const key = `${ref}|${fileName}`;
      buffers.set(key, [...(buffers.get(key) ?? []), content]);
    },
    flush(ref, fileName) {
      for (const [key, chunks] of buffers) {
        const [target, name] = key.split('|');
        if ((ref !== undefined && target !== ref) || (fileName !== undefined && name !== fileName)) continue;
        folder(target)[name] = chunks.map((c) => new TextDecoder().decode(c)).join('');
        buffers.delete(key);
      }
    },
    list(ref, { dirs, filter }) {
      return dirs ? Object.keys(folder(ref)).filter((n) => n.endsWith('/')).map((n) => n.slice(0, -1)) : matching(ref, filter);
    },
    delete(ref, { filter, single }) {
      const names = matching(ref, filter);
      if (single && names.length > 1) throw failed(`${names.length} files match`);
      for (const n of names) delete folder(ref)[n];
      return names.length;
    },
    archive(source, target, deleteSource) {
      const [first] = matching(source);
      if (first === undefined) throw failed('nothing to archive');
      folder(target)[first] = folder(source)[first];
      if (deleteSource) delete folder(source)[first];
    },
  };
}

function call(name: string, args: ScriptValue[], env: ScriptEnv): ScriptValue {
  return builtins.get(name)!.impl!(args, env) as ScriptValue;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScriptError) return err.code;
    throw err;
  }
  return undefined;
}

describe('File functions', () => {
  const setup = () => {
    const files = memoryFiles({ in: { 'a.csv': 'héllo', 'b.csv': 'two', 'c.txt': 'three', 'old/': '' } });
    return { files, env: testEnv({ host: { files } }) };
  };

  it('ReadFile returns the first match as UTF-8 text', () => {
    const { env } = setup();
    expect(call('ReadFile', ['in'], env)).toBe('héllo');
    expect(call('ReadFile', ['in', '*.txt'], env)).toBe('three');
    expect(codeOf(() => call('ReadFile', ['in', '*.xml'], env))).toBe('SCRIPT_FAILED');
  });

  it('WriteFile buffers text and binary until a flush', () => {
    const { env, files } = setup();
    expect(call('WriteFile', ['out', 'id;', 'r.csv'], env)).toBeNull();
    call('WriteFile', ['out', 42, 'r.csv'], env);
    call('WriteFile', ['out', new Uint8Array([0x21]), 'r.csv'], env);
    call('WriteFile', ['out', true], env);
    expect(call('FileList', ['out'], env)).toEqual([]);
    call('FlushFile', ['out', 'r.csv'], env);
    expect(call('ReadFile', ['out', 'r.csv'], env)).toBe('id;42!');
    expect(files.buffers.size).toBe(1);
    call('FlushAllFiles', [], env);
    expect(call('ReadFile', ['out', 'out.txt'], env)).toBe('1');
  });

  it('lists files and folders, and deletes one or many', () => {
    const { env } = setup();
    expect(call('FileList', ['in'], env)).toEqual(['a.csv', 'b.csv', 'c.txt']);
    expect(call('FileList', ['in', '', '*.csv'], env)).toEqual(['a.csv', 'b.csv']);
    expect(call('DirList', ['in'], env)).toEqual(['old']);
    expect(codeOf(() => call('DeleteFile', ['in', '*.csv'], env))).toBe('SCRIPT_FAILED');
    expect(call('DeleteFile', ['in', 'c.txt'], env)).toBe(1);
    expect(call('DeleteFile', ['in', 'c.txt'], env)).toBe(0);
    expect(call('DeleteFiles', ['in', '*.csv'], env)).toBe(2);
  });

  it('ArchiveFile copies the first match and can delete it', () => {
    const { env } = setup();
    call('ArchiveFile', ['in', 'archive', true], env);
    expect(call('ReadFile', ['archive'], env)).toBe('héllo');
    expect(call('FileList', ['in'], env)).toEqual(['b.csv', 'c.txt']);
  });

  it('every File function needs a host with files', () => {
    const env = testEnv();
    const calls: [string, ScriptValue[]][] = [
      ['ArchiveFile', ['a', 'b']],
      ['DeleteFile', ['a']],
      ['DeleteFiles', ['a']],
      ['DirList', ['a']],
      ['FileList', ['a']],
      ['FlushAllFiles', []],
      ['FlushFile', ['a']],
      ['ReadFile', ['a']],
      ['WriteFile', ['a', 'x']],
    ];
    for (const [name, args] of calls) expect(codeOf(() => call(name, args, env)), name).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(builtins.functions.filter((f) => f.category === 'file').map((f) => f.name).sort()).toEqual(calls.map(([n]) => n));
  });
});
