import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { jsonPath, canonicalJson, lineColumnAt } from './json.ts';
import { declaredFormatVersion, migrate } from './migrations.ts';
import { FORMAT_VERSION, manifestSchema } from './model/manifest.ts';
import {
  MANIFEST_FILE,
  componentFile,
  componentKindNames,
  componentKinds,
  emptyProject,
  type ComponentKind,
  type Project,
} from './model/project.ts';
import { scriptExtension, type ScriptDoc } from './model/script.ts';
import type { Problem } from './problems.ts';
import { validateProject } from './validate.ts';

/** The text files of a project, keyed by path relative to the project folder (`/` separators). */
export type ProjectFiles = ReadonlyMap<string, string>;

export interface ParsedProject {
  /** Undefined when the manifest is missing, unreadable, invalid or too new. */
  project?: Project;
  /** Files that parsed and validated into `project` (a save may rewrite or delete only these). */
  loadedFiles: Set<string>;
  problems: Problem[];
  /** The format version found on disk, before migration. */
  formatVersion?: number;
}

export interface ParseOptions {
  /**
   * Files of the project that are not UTF-8 text, so not in the files map. Each one the
   * parser would read is reported, and a reference to its component is not reported again.
   */
  undecodable?: Iterable<string>;
}

/**
 * Parses and validates a project from its files. Pure: the Node store reads the folder, the
 * repository and bundles hand in their own maps. A component that fails validation is left
 * out of the project and reported; everything else still loads.
 */
export function parseProjectFiles(files: ProjectFiles, options: ParseOptions = {}): ParsedProject {
  const problems: Problem[] = [];
  const undecodable = new Set(options.undecodable);
  if (undecodable.has(MANIFEST_FILE)) return { problems: [notUtf8(MANIFEST_FILE)], loadedFiles: new Set() };
  const manifestText = files.get(MANIFEST_FILE);
  if (manifestText === undefined) {
    problems.push(problem('PROJECT_NOT_FOUND', MANIFEST_FILE, '$', `no ${MANIFEST_FILE}: this folder is not a Chorus project`));
    return { problems, loadedFiles: new Set() };
  }

  for (const file of [...undecodable].sort()) if (isComponentJson(file)) problems.push(notUtf8(file));
  const docs = new Map<string, unknown>();
  for (const [file, text] of files) {
    if (!isComponentJson(file) && file !== MANIFEST_FILE) continue;
    const parsed = parseJson(file, text);
    if ('problem' in parsed) problems.push(parsed.problem);
    else docs.set(file, parsed.value);
  }
  if (!docs.has(MANIFEST_FILE)) return { problems, loadedFiles: new Set() };

  const version = declaredFormatVersion(docs.get(MANIFEST_FILE));
  if (version === undefined) {
    problems.push(problem('PROJECT_INVALID', MANIFEST_FILE, '$.formatVersion', 'must be a whole number'));
    return { problems, loadedFiles: new Set() };
  }
  if (version > FORMAT_VERSION) {
    problems.push(
      problem(
        'PROJECT_FORMAT_TOO_NEW',
        MANIFEST_FILE,
        '$.formatVersion',
        `this project was saved in format ${version} by a newer Chorus; this version reads formats up to ${FORMAT_VERSION}. Update Chorus to open it.`,
      ),
    );
    return { problems, loadedFiles: new Set(), formatVersion: version };
  }
  migrate(docs, version);

  // An invalid manifest leaves no project, but each component file is still checked, so one
  // validation reports every problem; checks across files need the project and are skipped.
  const manifest = validateDoc(manifestSchema, MANIFEST_FILE, docs.get(MANIFEST_FILE), problems);
  const loadedFiles = new Set<string>([MANIFEST_FILE]);
  const components = loadComponents(files, docs, undecodable, loadedFiles, problems);
  if (!manifest) return { problems, loadedFiles: new Set(), formatVersion: version };
  const project: Project = { ...emptyProject(manifest), ...components };

  // A component whose file exists but did not load is reported once, not again by each reference to it.
  const exists = (kind: ComponentKind, id: string) => {
    const file = componentFile(kind, id);
    return files.has(file) || undecodable.has(file);
  };
  problems.push(...validateProject(project, exists));
  return { project, loadedFiles, problems, formatVersion: version };
}

/** The components whose files pass their schema, each kind sorted by id; adds their files to `loadedFiles`. */
function loadComponents(
  files: ProjectFiles,
  docs: Map<string, unknown>,
  undecodable: ReadonlySet<string>,
  loadedFiles: Set<string>,
  problems: Problem[],
): Omit<Project, 'manifest'> {
  const components: Partial<Record<ComponentKind, { id: string }[]>> = {};
  for (const kind of componentKindNames) {
    const folder = `${componentKinds[kind].folder}/`;
    const items: { id: string }[] = [];
    for (const [file, doc] of docs) {
      if (!file.startsWith(folder)) continue;
      const value = validateDoc(componentKinds[kind].schema, file, doc, problems) as { id: string } | undefined;
      if (!value) continue;
      const expected = componentFile(kind, value.id);
      if (file !== expected) {
        problems.push(problem('PROJECT_INVALID', file, '$.id', `id "${value.id}" does not match the file name (expected ${expected})`));
        continue;
      }
      if (kind === 'scripts') {
        const script = value as ScriptDoc;
        const textFile = scriptTextFile(script);
        const source = files.get(textFile);
        if (source === undefined) {
          problems.push(
            undecodable.has(textFile)
              ? notUtf8(textFile)
              : problem('PROJECT_REFERENCE_MISSING', file, '$', `the script's text file ${textFile} is missing`),
          );
          continue;
        }
        script.source = source;
        loadedFiles.add(textFile);
      }
      loadedFiles.add(file);
      items.push(value);
    }
    items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    components[kind] = items;
  }
  return components as Omit<Project, 'manifest'>;
}

/** The files of a project, in canonical form. */
export function serializeProject(project: Project): Map<string, string> {
  const files = new Map<string, string>();
  files.set(MANIFEST_FILE, canonicalJson(project.manifest));
  for (const kind of componentKindNames) {
    for (const component of project[kind] as { id: string }[]) {
      if (kind === 'scripts') {
        const { source, ...meta } = component as ScriptDoc;
        files.set(componentFile(kind, meta.id), canonicalJson(meta));
        files.set(scriptTextFile(meta), source);
      } else {
        files.set(componentFile(kind, component.id), canonicalJson(component));
      }
    }
  }
  return files;
}

export function scriptTextFile(script: { id: string; language: ScriptDoc['language'] }): string {
  return `${componentKinds.scripts.folder}/${script.id}${scriptExtension[script.language]}`;
}

/** Which kind a project file belongs to, if any. */
export function componentKindOfFile(file: string): ComponentKind | undefined {
  const folder = file.split('/')[0];
  return componentKindNames.find((k) => componentKinds[k].folder === folder);
}

function isComponentJson(file: string): boolean {
  const parts = file.split('/');
  return parts.length === 2 && parts[1].endsWith('.json') && componentKindOfFile(file) !== undefined;
}

function parseJson(file: string, text: string): { value: unknown } | { problem: Problem } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) };
  } catch {
    // JSON.parse does not always say where; the JSONC scanner gives the offset of the first error.
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'unexpected end of file';
    return {
      problem: { ...problem('PROJECT_JSON_SYNTAX', file, '$', `not valid JSON: ${what}`), ...lineColumnAt(body, first?.offset ?? body.length) },
    };
  }
}

function validateDoc<T>(schema: z.ZodType<unknown, T>, file: string, doc: unknown, problems: Problem[]): T | undefined {
  // Validate to find problems, but keep the document as written (defaults stay implicit).
  const result = schema.safeParse(doc);
  if (result.success) return doc as T;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Point at each unknown field itself, so an editor can highlight it.
      for (const key of issue.keys) problems.push(problem('PROJECT_INVALID', file, jsonPath([...issue.path, key]), `unknown field "${key}"`));
    } else problems.push(problem('PROJECT_INVALID', file, jsonPath(issue.path), describeIssue(issue)));
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `${issue.message} for "${String(issue.discriminator)}"`;
  }
  return issue.message;
}

function notUtf8(file: string): Problem {
  return problem('PROJECT_INVALID', file, '$', 'not UTF-8 text: save it as UTF-8');
}

function problem(code: Problem['code'], file: string, path: string, message: string): Problem {
  return { severity: 'error', code, file, path, message };
}
