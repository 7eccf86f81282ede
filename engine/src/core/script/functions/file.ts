/**
 * File functions. They reach files only through the host's file capability (the run gives
 * one to script steps; the editor's evaluator has none), which resolves `<TAG>activity:...</TAG>`
 * references against the project.
 */
import { utf8Text } from '../convert.ts';
import type { FileCapability, ScriptEnv } from '../env.ts';
import { scriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { bool, bytes, opt, str } from './args.ts';
import type { FunctionExample, FunctionSpec, Param, ParamType } from './types.ts';

/** The host's file capability; hosts without one (the editor, `chorus eval`) refuse the call. */
export function files(env: ScriptEnv): FileCapability {
  if (!env.host.files) throw scriptError('SCRIPT_NEEDS_CAPABILITY', 'needs files (this host gives scripts no file access)');
  return env.host.files;
}

/** An optional string argument; undefined when it was not passed. */
function optStr(args: ScriptValue[], i: number): string | undefined {
  return i < args.length ? str(args, i) : undefined;
}

const SOURCE = '"<TAG>activity:file/Inbox/file_read/Read Orders</TAG>"';
const TARGET = '"<TAG>activity:file/Outbox/file_write/Write Orders</TAG>"';

const ref = (name: string, description = 'a <TAG>activity:...</TAG> reference to a file activity'): Param => ({ name, type: 'string', description });
const optional = (name: string, type: ParamType, description: string, defaultValue?: string): Param => ({
  name,
  type,
  optional: true,
  description,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

/** Every File example needs a host with files; the studio's evaluator and the docs runner have none. */
const needsFiles = (...codes: string[]): FunctionExample[] =>
  codes.map((code, i) => ({ code, error: 'SCRIPT_NEEDS_CAPABILITY', ...(i === 0 ? { note: 'Runs where the host gives scripts file access (script steps of a run).' } : {}) }));

export const fileFunctions: FunctionSpec[] = [
  {
    name: 'ArchiveFile',
    category: 'file',
    summary:
      'Copies the first file matching a source activity to a target activity (written at once, never over an existing file), and deletes the source when asked.',
    signatures: [{ params: [ref('sourceRef'), ref('targetRef'), optional('deleteSource', 'bool', 'delete the source file once copied', 'false')], returns: 'void' }],
    examples: needsFiles(`ArchiveFile(${SOURCE}, "<TAG>activity:file/Archive/file_write/Archive Orders</TAG>", true)`),
    impl(args, env) {
      files(env).archive(str(args, 0), str(args, 1), opt(args, 2, bool, false));
      return null;
    },
  },
  {
    name: 'DeleteFile',
    category: 'file',
    summary: "Deletes the one file matching the activity's filter (or fileFilter): 1 when deleted, 0 when none matches; several matches fail.",
    signatures: [{ params: [ref('sourceRef'), optional('fileFilter', 'string', "file name or glob used instead of the activity's filter")], returns: 'int' }],
    examples: needsFiles(`DeleteFile(${SOURCE}, "orders-2024.csv")`),
    impl: (args, env) => files(env).delete(str(args, 0), { filter: optStr(args, 1), single: true }),
  },
  {
    name: 'DeleteFiles',
    category: 'file',
    summary: "Deletes every file matching the activity's filter (or fileFilter) and returns how many; a missing folder fails.",
    signatures: [{ params: [ref('sourceRef'), optional('fileFilter', 'string', "glob used instead of the activity's filter")], returns: 'int' }],
    examples: needsFiles(`DeleteFiles(${SOURCE}, "*.tmp")`),
    impl: (args, env) => files(env).delete(str(args, 0), { filter: optStr(args, 1), single: false }),
  },
  {
    name: 'DirList',
    category: 'file',
    summary: "Names of the folders in the activity's folder (or in path under it) matching fileFilter, sorted.",
    signatures: [
      {
        params: [ref('sourceRef'), optional('path', 'string', "a folder under the activity's folder"), optional('fileFilter', 'string', 'glob on folder names', '"*"')],
        returns: 'array',
      },
    ],
    examples: needsFiles(`DirList(${SOURCE})`, `DirList(${SOURCE}, "archive", "2024-*")`),
    impl: (args, env) => files(env).list(str(args, 0), { path: optStr(args, 1), filter: optStr(args, 2), dirs: true }),
  },
  {
    name: 'FileList',
    category: 'file',
    summary: "Names of the files in the activity's folder (or in path under it) matching the activity's filter or fileFilter (* and ?), sorted.",
    signatures: [
      {
        params: [ref('sourceRef'), optional('path', 'string', "a folder under the activity's folder"), optional('fileFilter', 'string', "glob used instead of the activity's filter")],
        returns: 'array',
      },
    ],
    examples: needsFiles(`FileList(${SOURCE})`, `FileList(${SOURCE}, "", "*.xml")`),
    impl: (args, env) => files(env).list(str(args, 0), { path: optStr(args, 1), filter: optStr(args, 2), dirs: false }),
  },
  {
    name: 'FlushAllFiles',
    category: 'file',
    summary: 'Writes what WriteFile buffered: for one target activity, or for every target when none is given.',
    signatures: [{ params: [optional('targetRef', 'string', 'a <TAG>activity:...</TAG> reference to a write activity')], returns: 'void' }],
    examples: needsFiles('FlushAllFiles()', `FlushAllFiles(${TARGET})`),
    impl(args, env) {
      files(env).flush(optStr(args, 0));
      return null;
    },
  },
  {
    name: 'FlushFile',
    category: 'file',
    summary: 'Writes what WriteFile buffered for a target (only the buffer of that file name when one is given) and empties the buffer; nothing buffered does nothing.',
    signatures: [{ params: [ref('targetRef'), optional('filename', 'string', 'the file name given to WriteFile')], returns: 'void' }],
    examples: needsFiles(`WriteFile(${TARGET}, "id,total"); FlushFile(${TARGET})`),
    impl(args, env) {
      files(env).flush(str(args, 0), optStr(args, 1));
      return null;
    },
  },
  {
    name: 'ReadFile',
    category: 'file',
    summary: "Contents, as UTF-8 text, of the first file (by name) matching the activity's filter or fileFilter; no matching file fails.",
    signatures: [{ params: [ref('sourceRef'), optional('fileFilter', 'string', "file name or glob used instead of the activity's filter")], returns: 'string' }],
    examples: needsFiles(`ReadFile(${SOURCE})`, `ReadFile(${SOURCE}, "orders-*.csv")`),
    impl: (args, env) => utf8Text(files(env).read(str(args, 0), optStr(args, 1))),
  },
  {
    name: 'WriteFile',
    category: 'file',
    summary:
      "Adds content to the target's buffer (a binary as its bytes, anything else as UTF-8 text); FlushFile or the end of the operation writes it, following the activity's mode (overwrite, append, unique).",
    signatures: [
      {
        params: [ref('targetRef'), { name: 'fileContents', type: 'type' }, optional('filename', 'string', "a file name used instead of the activity's")],
        returns: 'void',
      },
    ],
    examples: needsFiles(`WriteFile(${TARGET}, "id,total")`, `WriteFile(${TARGET}, Base64Decode("AP8="), "data.bin")`),
    impl(args, env) {
      files(env).write(str(args, 0), bytes(args, 1), optStr(args, 2));
      return null;
    },
  },
];
