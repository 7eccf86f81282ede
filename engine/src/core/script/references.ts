/**
 * Component references in scripts (`RunOperation("<TAG>operation:Load</TAG>")`), in every form
 * a Jitterbit user writes them (docs: script-language §8):
 *
 * - Cloud/Integration Studio: `operation:<name>`, `script:<name>`,
 *   `activity:<connector>/<endpoint name>/<activity type key>/<activity name>`,
 *   `endpoint:<connector>/<endpoint name>`, `notification:<name>`, `plugin:<name>`;
 * - Design Studio project-tree paths: `Operations/<folder>/<name>`, `Scripts/<name>`,
 *   `Sources/<name>`, `Targets/<name>`, `Email Messages/<name>`, optionally after the
 *   project name;
 * - a plain name or a component id.
 *
 * The `<TAG>` element is optional. Names and ids match exactly (case-sensitive).
 */
import type { Project } from '../model/project.ts';
import { scriptError, type ScriptError } from './errors.ts';

export type ReferenceKind = 'operation' | 'script' | 'activity' | 'endpoint' | 'notification' | 'plugin';

export interface ParsedReference {
  /** The kind the reference names; absent for a plain name or id. */
  kind?: ReferenceKind;
  /** The component's name (or id, for a plain reference). */
  name: string;
  /** The text as written. */
  raw: string;
  /** Folders of a Design Studio path (`Operations/Daily/Load` has `Daily`): informative only. */
  folders?: string[];
  /** For activities: the endpoint's name, when the reference gives it. */
  endpoint?: string;
  /** For activities and endpoints: the connector key (`file`, `tempstorage`...), as written. */
  connector?: string;
  /** For activities: `read` or `write`, from a Design Studio root or an activity type key. */
  direction?: 'read' | 'write';
}

export type ResolvableKind = 'operations' | 'scripts' | 'activities' | 'endpoints';

const TAG = /^\s*<TAG>([\s\S]*)<\/TAG>\s*$/i;
const PREFIX = /^(operation|script|activity|endpoint|notification|plugin):([\s\S]*)$/;

/** Design Studio tree roots and the kind (and, for activities, direction) below them. */
const TREE_ROOTS: Record<string, { kind: ReferenceKind; direction?: 'read' | 'write' }> = {
  Operations: { kind: 'operation' },
  Scripts: { kind: 'script' },
  Sources: { kind: 'activity', direction: 'read' },
  Targets: { kind: 'activity', direction: 'write' },
  'Email Messages': { kind: 'notification' },
};

export function parseReference(text: string): ParsedReference {
  const raw = text;
  const body = (TAG.exec(text)?.[1] ?? text).trim();
  const prefixed = PREFIX.exec(body);
  if (prefixed) return parsePrefixed(prefixed[1] as ReferenceKind, prefixed[2].trim(), raw);
  const treePath = parseTreePath(body, raw);
  return treePath ?? { name: body, raw };
}

function parsePrefixed(kind: ReferenceKind, rest: string, raw: string): ParsedReference {
  const parts = rest.split('/');
  if (kind === 'endpoint' && parts.length >= 2) return { kind, connector: parts[0], name: parts.slice(1).join('/'), raw };
  if (kind === 'activity' && parts.length >= 4) {
    return { kind, connector: parts[0], endpoint: parts[1], direction: directionOf(parts[2]), name: parts.slice(3).join('/'), raw };
  }
  // `script:Utilities/Format Name`: a name that may itself hold slashes.
  return { kind, name: rest, raw };
}

/** `file_read`, `tempstorage_write`... say which way an activity goes; other keys say nothing. */
function directionOf(typeKey: string): 'read' | 'write' | undefined {
  const m = /(read|write)$/i.exec(typeKey);
  return m ? (m[1].toLowerCase() as 'read' | 'write') : undefined;
}

function parseTreePath(body: string, raw: string): ParsedReference | undefined {
  const parts = body.split('/');
  // The project name may come first: `MyProject/Targets/Orders`.
  const start = parts[0] in TREE_ROOTS ? 0 : parts.length > 2 && parts[1] in TREE_ROOTS ? 1 : -1;
  if (start < 0 || parts.length - start < 2) return undefined;
  const root = TREE_ROOTS[parts[start]];
  return { kind: root.kind, direction: root.direction, folders: parts.slice(start + 1, -1), name: parts[parts.length - 1], raw };
}

const KIND_OF: Record<ResolvableKind, ReferenceKind> = {
  operations: 'operation',
  scripts: 'script',
  activities: 'activity',
  endpoints: 'endpoint',
};

type Component<K extends ResolvableKind> = Project[K][number];

/**
 * The component a reference names, by exact name or else by id. Throws SCRIPT_UNKNOWN_COMPONENT when
 * it names another kind, nothing, or several components that the reference cannot tell apart.
 */
export function resolveReference<K extends ResolvableKind>(project: Project, text: string, kind: K): Component<K> {
  const ref = parseReference(text);
  const label = KIND_OF[kind];
  if (ref.kind && ref.kind !== label) {
    throw scriptError('SCRIPT_UNKNOWN_COMPONENT', `"${ref.raw.trim()}" refers to ${article(ref.kind)} ${ref.kind}, not ${article(label)} ${label}`);
  }
  const all = project[kind] as Component<K>[];
  for (const name of candidateNames(ref)) {
    const found = all.filter((c) => c.name === name && (kind !== 'activities' || isActivityOf(project, ref, c as Project['activities'][number])));
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw scriptError('SCRIPT_UNKNOWN_COMPONENT', `${found.length} ${kind} are named "${name}" (ids ${found.map((c) => c.id).join(', ')}); refer to one by id`);
    }
  }
  const byId = all.find((c) => c.id === ref.name);
  if (byId) return byId;
  throw unknown(label, kind, ref.name, all);
}

/**
 * A slash in `script:Utilities/Format Name` may be part of the name or a folder: the whole
 * text is tried first, then its last segment.
 */
function candidateNames(ref: ParsedReference): string[] {
  const last = ref.name.split('/').pop() ?? ref.name;
  return last === ref.name || ref.kind === 'endpoint' ? [ref.name] : [ref.name, last];
}

/** An activity of the endpoint and direction the reference gives, if it gives them. */
function isActivityOf(project: Project, ref: ParsedReference, activity: Project['activities'][number]): boolean {
  if (ref.direction && activity.type !== ref.direction) return false;
  return ref.endpoint === undefined || project.endpoints.some((e) => e.id === activity.endpoint && e.name === ref.endpoint);
}

const LISTED = 20;

function unknown(label: string, kind: ResolvableKind, name: string, all: { name: string }[]): ScriptError {
  const names = all.map((c) => c.name).sort();
  const shown = names.length === 0 ? `the project has no ${kind}` : `${kind}: ${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? ', ...' : ''}`;
  return scriptError('SCRIPT_UNKNOWN_COMPONENT', `unknown ${label} "${name}" (${shown})`);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
