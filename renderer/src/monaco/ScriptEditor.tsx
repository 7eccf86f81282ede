import { useEffect, useRef } from 'react';
import { LANGUAGE_ID } from '../../../engine/src/core/script/language-service/index.ts';
import { findComponent } from '../store/components.ts';
import { editScript } from '../store/document-commands.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { monaco } from './setup.ts';

/**
 * A script in Monaco: Chorus Script with the engine's language service, or JavaScript.
 * Typing becomes `editScript` commands; when the document changes under it (undo, a reload
 * from disk), the editor takes the new text.
 */
export default function ScriptEditor({ scriptId }: { scriptId: string }) {
  const { store } = useStudioContext();
  const language = useStudio((s) => (s.project && findComponent(s.project, 'scripts', scriptId)?.language) as string | undefined);
  const theme = useStudio((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const sourceOf = () => {
      const project = store.getState().project;
      return ((project && findComponent(project, 'scripts', scriptId)?.source) as string | undefined) ?? '';
    };
    const uri = monaco.Uri.parse(`inmemory://scripts/${scriptId}${language === 'javascript' ? '.js' : '.chs'}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(sourceOf(), language === 'javascript' ? 'javascript' : LANGUAGE_ID, uri);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      // EditContext drops spaces typed by automation (and some IMEs); the textarea path does not.
      editContext: false,
      ariaLabel: `Script ${scriptId}`,
    });
    let applying = false;
    const typed = model.onDidChangeContent(() => {
      if (!applying) store.getState().dispatch(editScript, { id: scriptId, source: model.getValue() });
    });
    const follow = store.subscribe(() => {
      const source = sourceOf();
      if (source === model.getValue()) return;
      applying = true;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: source }], () => null);
      applying = false;
    });
    editor.focus();
    return () => {
      follow();
      typed.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [store, scriptId, language]);

  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [theme]);

  return <div className="script-editor" ref={host} data-testid="script-editor" />;
}
