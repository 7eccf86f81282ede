/**
 * The file capability of scripts (ReadFile, WriteFile, FileList...): the project's file and
 * temporary-storage activities, reached through `<TAG>activity:...</TAG>` references, on the
 * local disk. Synchronous, because script functions are. Writes are buffered per (target,
 * file name) and published atomically by flush; no path ever leaves the endpoint's folder.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import picomatch from 'picomatch';
import { errnoOf } from '../core/errors.ts';
import type { ActivityDoc, WriteActivityDoc } from '../core/model/activity.ts';
import type { Project } from '../core/model/project.ts';
import type { FileCapability } from '../core/script/env.ts';
import { failed, ScriptError } from '../core/script/errors.ts';
import { resolveReference } from '../core/script/references.ts';
import { substituteVariables } from '../core/substitute.ts';
import { TEMP_PREFIX } from '../connectors/folder-target.ts';
import { numberedName } from '../connectors/place.ts';

export interface FileCapabilityOptions {
  project: Project;
  /** Absolute project folder: relative `file` endpoint folders resolve against it. */
  projectDir: string;
  /** The run chain's temporary folder: `temp` endpoints live in `<chainTempDir>/<endpoint id>`. */
  chainTempDir: string;
  /** Values of `[name]` placeholders in folders, filters and file names (the chain's globals). */
  lookup?: (name: string) => unknown;
  /** When set, writes are handed here instead of written, and deleting or archiving files fails (tests, dry runs). */
  capture?: (write: { activity: WriteActivityDoc; fileName: string; bytes: Buffer }) => void;
}

/** An activity with the folder it works in. */
interface Place {
  activity: ActivityDoc;
  dir: string;
  /** Temporary storage: the folder appears on first write, so missing means empty. */
  temp: boolean;
}

interface Pending {
  place: Place & { activity: WriteActivityDoc };
  name: string;
  chunks: Uint8Array[];
}

const MAX_COUNTER = 10_000;
/** link() errors meaning "no hard link possible here" (another device, FAT, some network shares). */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

export function createFileCapability(options: FileCapabilityOptions): FileCapability {
  const { project, projectDir, chainTempDir } = options;
  const lookup = options.lookup ?? (() => undefined);
  const buffers = new Map<string, Pending>();

  const shown = (file: string) => {
    const relative = path.relative(projectDir, file);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  };

  function placeOf(ref: string): Place {
    const activity = resolveReference(project, ref, 'activities');
    const endpoint = project.endpoints.find((e) => e.id === activity.endpoint);
    if (endpoint?.kind === 'temp') return { activity, dir: path.join(chainTempDir, endpoint.id), temp: true };
    const folder = endpoint?.settings?.folder;
    if (endpoint?.kind !== 'file' || typeof folder !== 'string') {
      throw failed(`activity "${activity.name}" does not use a file or temporary storage endpoint`, 0);
    }
    return { activity, dir: path.resolve(projectDir, substitute(folder, lookup)), temp: false };
  }

  function writePlace(ref: string): Pending['place'] {
    const place = placeOf(ref);
    if (place.activity.type !== 'write') throw failed(`activity "${place.activity.name}" reads files; a write activity is needed here`, 0);
    return place as Pending['place'];
  }

  /** The read activity's filter, or the write activity's file name, with placeholders filled. */
  const defaultFilter = (activity: ActivityDoc) => substitute(activity.type === 'read' ? (activity.filter ?? '*') : (activity.fileName ?? 'output'), lookup);

  /** Names of the files (or folders) of `dir` matching a glob, sorted; dotfiles are hidden. */
  function entries(dir: string, glob: string, temp: boolean, dirs: boolean): string[] {
    let found: fs.Dirent[];
    try {
      found = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if (errnoOf(err) === 'ENOENT' && temp) return [];
      throw fsFailed(err, `folder ${shown(dir)} cannot be listed`);
    }
    const matches = picomatch(glob, { windows: false, dot: false });
    return found
      .filter((e) => !e.name.startsWith('.') && matches(e.name) && isKind(path.join(dir, e.name), e, dirs))
      .map((e) => e.name)
      .sort();
  }

  function matchingFiles(place: Place, filter: string | undefined): string[] {
    return entries(place.dir, filter ?? defaultFilter(place.activity), place.temp, false);
  }

  function firstFile(place: Place, filter: string | undefined): string {
    const [first] = matchingFiles(place, filter);
    if (first === undefined) throw failed(`no file matches "${filter ?? defaultFilter(place.activity)}" in ${shown(place.dir)}`);
    return path.join(place.dir, first);
  }

  function writeBuffer({ place, name, chunks }: Pending): void {
    if (options.capture) return options.capture({ activity: place.activity, fileName: name, bytes: Buffer.concat(chunks) });
    const final = inside(place.dir, name);
    const dir = path.dirname(final);
    const tmp = path.join(dir, `${TEMP_PREFIX}${randomUUID()}`);
    try {
      if (place.temp) fs.mkdirSync(dir, { recursive: true });
      const mode = place.activity.mode ?? 'overwrite';
      if (mode === 'append' && fs.existsSync(final)) fs.copyFileSync(final, tmp, fs.constants.COPYFILE_EXCL);
      for (const chunk of chunks) fs.appendFileSync(tmp, chunk);
      if (chunks.length === 0) fs.writeFileSync(tmp, '');
      if (mode === 'unique') placeUnique(tmp, dir, path.basename(final));
      else fs.renameSync(tmp, final);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw fsFailed(err, `could not write ${shown(final)}`);
    }
  }

  function refuseWhenCapturing(fn: string): void {
    if (options.capture) throw failed(`${fn} would change files, which a test or a dry run never does`);
  }

  return {
    read: (ref, filter) => readFile(firstFile(placeOf(ref), filter), shown),

    write(ref, content, fileName) {
      const place = writePlace(ref);
      const name = fileName ?? defaultFilter(place.activity);
      inside(place.dir, name);
      const key = `${place.activity.id}\0${name}`;
      const buffer = buffers.get(key) ?? { place, name, chunks: [] };
      buffer.chunks.push(content.slice());
      buffers.set(key, buffer);
    },

    flush(ref, fileName) {
      const target = ref === undefined ? undefined : writePlace(ref).activity.id;
      for (const [key, buffer] of [...buffers]) {
        if ((target !== undefined && buffer.place.activity.id !== target) || (fileName !== undefined && buffer.name !== fileName)) continue;
        buffers.delete(key);
        writeBuffer(buffer);
      }
    },

    list(ref, { path: sub, filter, dirs }) {
      const place = placeOf(ref);
      const glob = filter ?? (dirs ? '*' : defaultFilter(place.activity));
      return entries(inside(place.dir, sub ?? ''), glob, place.temp, dirs ?? false);
    },

    delete(ref, { filter, single }) {
      refuseWhenCapturing('DeleteFile');
      const place = placeOf(ref);
      const names = matchingFiles(place, filter);
      if (single && names.length > 1) throw failed(`${names.length} files match "${filter ?? defaultFilter(place.activity)}" in ${shown(place.dir)}; DeleteFile deletes one (use DeleteFiles)`);
      for (const name of names) {
        try {
          fs.unlinkSync(path.join(place.dir, name));
        } catch (err) {
          throw fsFailed(err, `could not delete ${shown(path.join(place.dir, name))}`);
        }
      }
      return names.length;
    },

    archive(sourceRef, targetRef, deleteSource) {
      refuseWhenCapturing('ArchiveFile');
      const source = firstFile(placeOf(sourceRef), undefined);
      const target = writePlace(targetRef);
      // `[file]` in the target's file name is the source file's name; no file name keeps it.
      const sourceName = path.basename(source);
      const name = target.activity.fileName === undefined ? sourceName : substitute(target.activity.fileName, (n) => (n === 'file' ? sourceName : lookup(n)));
      const final = inside(target.dir, name);
      const tmp = path.join(path.dirname(final), `${TEMP_PREFIX}${randomUUID()}`);
      try {
        if (target.temp) fs.mkdirSync(path.dirname(final), { recursive: true });
        fs.copyFileSync(source, tmp, fs.constants.COPYFILE_EXCL);
        placeExclusive(tmp, final);
        if (deleteSource) fs.unlinkSync(source);
      } catch (err) {
        fs.rmSync(tmp, { force: true });
        if (errnoOf(err) === 'EEXIST') throw failed(`${shown(final)} already exists; ArchiveFile never overwrites a file`);
        throw fsFailed(err, `could not archive ${shown(source)} to ${shown(final)}`);
      }
    },
  };
}

function readFile(file: string, shown: (file: string) => string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw fsFailed(err, `could not read ${shown(file)}`);
  }
}

/**
 * `relative` inside `dir`. Names come from scripts, so `..` segments, absolute paths and
 * drive letters are refused rather than normalised: a script can never reach outside.
 */
function inside(dir: string, relative: string): string {
  const segments = relative.split(/[\\/]/);
  if (path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative) || segments.includes('..') || relative.includes('\0')) {
    throw failed(`"${relative}" must be a path inside the endpoint's folder (no "..", not absolute)`);
  }
  return path.join(dir, relative);
}

function isKind(file: string, entry: fs.Dirent, dirs: boolean): boolean {
  if (entry.isSymbolicLink()) {
    const stats = fs.statSync(file, { throwIfNoEntry: false }); // a dangling link is neither
    return dirs ? stats?.isDirectory() === true : stats?.isFile() === true;
  }
  return dirs ? entry.isDirectory() : entry.isFile();
}

/** Moves `tmp` to `final` unless a file has that name (even one created meanwhile): EEXIST then. */
function placeExclusive(tmp: string, final: string): void {
  try {
    fs.linkSync(tmp, final);
  } catch (err) {
    if (!NO_LINK.has(errnoOf(err) ?? '')) throw err;
    fs.copyFileSync(tmp, final, fs.constants.COPYFILE_EXCL); // exclusive, though not atomic
  }
  fs.unlinkSync(tmp);
}

/** The `unique` write mode: `name`, else `name-1.ext`, `name-2.ext`... whichever is free first. */
function placeUnique(tmp: string, dir: string, name: string): void {
  for (let counter = 0; counter < MAX_COUNTER; counter++) {
    try {
      return placeExclusive(tmp, path.join(dir, numberedName(name, counter)));
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw err;
    }
  }
  throw failed(`every name from ${name} to ${numberedName(name, MAX_COUNTER - 1)} is taken`);
}

function substitute(text: string, lookup: (name: string) => unknown): string {
  try {
    return substituteVariables(text, lookup);
  } catch (err) {
    throw failed((err as Error).message);
  }
}

function fsFailed(err: unknown, message: string): ScriptError {
  if (err instanceof ScriptError) return err;
  return failed(`${message} (${errnoOf(err) ?? (err as Error).message})`);
}
