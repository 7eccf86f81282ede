import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ChorusError, errnoOf } from '../core/errors.ts';
import { canonicalJson, jsonPath } from '../core/json.ts';
import { FORMAT_VERSION, manifestSchema, type Manifest } from '../core/model/manifest.ts';
import { LOCAL_FOLDER, MANIFEST_FILE, componentKindNames, componentKinds, type Project } from '../core/model/project.ts';
import type { Problem } from '../core/problems.ts';
import { componentKindOfFile, parseProjectFiles, serializeProject } from '../core/project-files.ts';
import { stageFile, syncFolder, writeFileAtomic, type StagedFile } from './atomic.ts';
import { copyFolder } from './copy-folder.ts';
import { attempt, writeFailed } from './attempt.ts';
import { readProjectFiles } from './read-files.ts';

export { readProjectFiles } from './read-files.ts';

export interface LoadedProject {
  /** Absolute path of the project folder. */
  dir: string;
  /** Undefined when the manifest is missing, unreadable, invalid or too new (see problems). */
  project?: Project;
  problems: Problem[];
  /** Files that loaded into `project`: the only existing files a save may rewrite or delete. */
  loadedFiles: Set<string>;
  /** Format version found on disk, before migration. */
  formatVersion?: number;
}

export interface SaveResult {
  /** Files rewritten or created, relative to the project folder. */
  written: string[];
  deleted: string[];
  /** The files the project now consists of: pass as `previous` to the next save. */
  loadedFiles: Set<string>;
}

export async function loadProject(dir: string): Promise<LoadedProject> {
  const abs = resolve(dir);
  const { files, undecodable } = await readProjectFiles(abs);
  return { dir: abs, ...parseProjectFiles(files, { undecodable }) };
}

/**
 * Writes the files of `project` that differ from what is on disk and deletes the files of
 * `previous.loadedFiles` it no longer produces. Any other file (one that failed to load, a
 * data file) is never touched. Every changed file is written and synced under a temporary
 * name before the first rename, so a failing save leaves the old files as they were.
 */
export async function saveProject(dir: string, project: Project, previous: { loadedFiles: ReadonlySet<string> }): Promise<SaveResult> {
  const root = resolve(dir);
  const files = serializeProject(project);
  assertLoadable(project, files);
  for (const file of previous.loadedFiles) {
    if (!isProjectFile(file)) throw new ChorusError('PROJECT_WRITE_FAILED', `refusing to touch ${file}: not a project file`, { file });
  }

  const changed: [string, string][] = [];
  for (const [file, text] of files) {
    const onDisk = await readIfPresent(root, file);
    if (onDisk?.equals(Buffer.from(text, 'utf8'))) continue;
    if (onDisk !== undefined && !previous.loadedFiles.has(file)) {
      throw new ChorusError(
        'PROJECT_WRITE_FAILED',
        `${file} exists but is not part of the loaded project (it did not load, or appeared since); saving would overwrite it. Fix, rename or remove it, then reload.`,
        { file },
      );
    }
    changed.push([file, text]);
  }

  for (const [file] of changed) await attempt(file, () => mkdir(dirname(join(root, file)), { recursive: true }));
  const staged: { file: string; temp: StagedFile }[] = [];
  try {
    for (const [file, text] of changed) staged.push({ file, temp: await attempt(file, () => stageFile(join(root, file), text)) });
    while (staged.length) {
      const { file, temp } = staged[0];
      await attempt(file, () => temp.commit());
      staged.shift();
    }
  } finally {
    await Promise.all(staged.map((s) => s.temp.discard()));
  }

  const deleted: string[] = [];
  for (const file of [...previous.loadedFiles].sort()) {
    if (files.has(file)) continue;
    await attempt(file, async () => {
      try {
        await unlink(join(root, file));
        deleted.push(file);
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT') throw err;
      }
    });
  }
  for (const folder of new Set(deleted.map(dirname))) await attempt(folder, () => syncFolder(join(root, folder)));

  return { written: changed.map(([file]) => file).sort(), deleted, loadedFiles: new Set(files.keys()) };
}

/** Creates a project with only a manifest (and a `.gitignore` keeping local state out of git). */
export async function createProject(dir: string, options: { name: string; id?: string }): Promise<LoadedProject> {
  const manifest = checkManifest({ formatVersion: FORMAT_VERSION, id: options.id ?? newProjectId(), name: options.name });
  const root = resolve(dir);
  await intoEmptyFolder(root, async () => {
    await attempt(MANIFEST_FILE, () => writeFileAtomic(join(root, MANIFEST_FILE), canonicalJson(manifest)));
    await attempt('.gitignore', () => writeFileAtomic(join(root, '.gitignore'), `${LOCAL_FOLDER}/\n`));
  });
  return loadProject(root);
}

/**
 * Creates a project from a copy of another project folder (everything but `.chorus/` and
 * `.git/`), with a fresh id and the given name. Older formats are migrated in the copy.
 */
export async function copyTemplate(templateDir: string, dir: string, name: string): Promise<LoadedProject> {
  const template = await loadProject(templateDir);
  if (!template.project) {
    const p = template.problems[0];
    throw new ChorusError(p.code, `${template.dir} cannot be used as a template: ${p.message}`, { file: join(template.dir, p.file), path: p.path });
  }
  const root = resolve(dir);
  const inside = relative(template.dir, root);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new ChorusError('PROJECT_WRITE_FAILED', `cannot create a project inside its own template ${template.dir}`, { file: root });
  }
  const project = { ...template.project, manifest: checkManifest({ ...template.project.manifest, id: newProjectId(), name }) };
  await intoEmptyFolder(root, async () => {
    await copyFolder(template.dir, root, new Set([LOCAL_FOLDER, '.git']));
    if ((await readIfPresent(root, '.gitignore')) === undefined) {
      await attempt('.gitignore', () => writeFileAtomic(join(root, '.gitignore'), `${LOCAL_FOLDER}/\n`));
    }
    // The copy holds the template's files byte for byte, so its loaded files are ours too.
    await saveProject(root, project, template);
  });
  return loadProject(root);
}

/** Refuses a project whose own files would not load back: saving must never write something unloadable. */
function assertLoadable(project: Project, files: Map<string, string>): void {
  for (const kind of componentKindNames) {
    const seen = new Set<string>();
    for (const { id } of project[kind] as { id: string }[]) {
      if (seen.has(id)) throw new ChorusError('PROJECT_DUPLICATE_ID', `two ${componentKinds[kind].label} components have the id "${id}"`, { file: `${componentKinds[kind].folder}/${id}.json` });
      seen.add(id);
    }
  }
  // Reference and settings problems are work in progress and may be saved; a file that fails
  // its schema would be dropped on the next load, so it may not.
  const check = parseProjectFiles(files);
  const dropped = [...files.keys()].filter((file) => !check.loadedFiles.has(file));
  if (dropped.length === 0) return;
  const why = check.problems.find((p) => dropped.includes(p.file));
  const file = why?.file ?? dropped[0];
  const message = why ? `${why.path}: ${why.message}` : 'would not load back';
  throw new ChorusError('PROJECT_INVALID', `cannot save: ${file}: ${message}`, { file, path: why?.path });
}

function checkManifest(manifest: Manifest): Manifest {
  const result = manifestSchema.safeParse(manifest);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = jsonPath(issue.path);
  throw new ChorusError('PROJECT_INVALID', issue.message, { file: MANIFEST_FILE, path });
}

/** 12 url-safe characters (72 random bits). */
function newProjectId(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Runs `fill` in a folder that must be new or empty; when it fails, removes what it created
 * so a failed create leaves the disk as it found it.
 */
async function intoEmptyFolder(root: string, fill: () => Promise<void>): Promise<void> {
  let entries: string[] | undefined;
  try {
    entries = await readdir(root);
  } catch (err) {
    if (errnoOf(err) === 'ENOTDIR') throw new ChorusError('PROJECT_WRITE_FAILED', `${root} is a file, not a folder`, { file: root });
    if (errnoOf(err) !== 'ENOENT') throw writeFailed(root, err);
  }
  if (entries?.length) throw new ChorusError('PROJECT_WRITE_FAILED', `${root} is not empty; choose a new or empty folder`, { file: root });
  const firstCreated = entries ? undefined : await attempt(root, () => mkdir(root, { recursive: true }));
  try {
    await fill();
  } catch (err) {
    if (firstCreated) await rm(firstCreated, { recursive: true, force: true });
    else for (const entry of await readdir(root)) await rm(join(root, entry), { recursive: true, force: true });
    throw err;
  }
}

/** `chorus.json` or a file directly inside a component folder: the only paths a save may touch. */
function isProjectFile(file: string): boolean {
  if (file === MANIFEST_FILE) return true;
  const parts = file.split('/');
  return parts.length === 2 && componentKindOfFile(file) !== undefined && !/^\.{0,2}$|[\\:]/.test(parts[1]);
}

async function readIfPresent(root: string, file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(root, file));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return undefined;
    throw writeFailed(file, err);
  }
}
