import { watch } from 'node:fs';
import { LOCAL_FOLDER } from '../../engine/src/core/model/project.ts';

/** Local state and git internals change all the time and are not the project. */
const IGNORED_FOLDERS = [LOCAL_FOLDER, '.git'];
/** Temporary files of atomic writes (store saves, engine targets): only their final rename matters. */
const TEMPORARY = /(^|\/)(\.[^/]*\.tmp|\.chorus-tmp-[^/]*)$/;

/**
 * Watches a project folder and everything under it; calls `onChange` with the relative
 * paths (`/` separators, sorted) that changed, once things have been quiet for `debounceMs`
 * (a git checkout touches many files at once). Returns the function that stops watching.
 */
export function watchFolder(dir: string, onChange: (files: string[]) => void, debounceMs = 150): () => void {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending].sort();
    pending = new Set();
    if (files.length) onChange(files);
  };
  const watcher = watch(dir, { recursive: true }, (_event, filename) => {
    if (filename === null) return;
    const file = filename.toString().split('\\').join('/');
    if (IGNORED_FOLDERS.some((f) => file === f || file.startsWith(`${f}/`)) || TEMPORARY.test(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  // A folder removed or renamed while watched ends the watch; the next open reports it.
  watcher.on('error', () => stop());
  const stop = () => {
    clearTimeout(timer);
    watcher.close();
  };
  return stop;
}
