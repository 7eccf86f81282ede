/**
 * Monaco, bundled locally with its workers (no CDN, CSP `worker-src 'self'`), and Chorus
 * Script registered once. Loaded lazily: the first script tab pays for it, not start-up.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { registerChorusScript } from './chorus-language.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  },
};

registerChorusScript(monaco);

export { monaco };
