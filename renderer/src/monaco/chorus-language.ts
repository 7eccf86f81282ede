import type * as Monaco from 'monaco-editor';
import { builtins } from '../../../engine/src/core/script/functions/index.ts';
import {
  createLanguageService,
  createMonarchLanguage,
  LANGUAGE_ID,
  languageConfiguration,
  type CompletionItem,
  type Diagnostic,
} from '../../../engine/src/core/script/language-service/index.ts';

type MonacoApi = typeof Monaco;

/** Marker owner, so our markers replace only our own. */
const OWNER = 'chorus-script';

/**
 * Chorus Script in Monaco: colours from the engine's Monarch tokens, and diagnostics,
 * completion, hover and signature help from the engine's language service, so the editor
 * and the engine never disagree.
 */
export function registerChorusScript(monaco: MonacoApi): void {
  const service = createLanguageService();
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.chs'], aliases: ['Chorus Script'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, createMonarchLanguage(builtins) as unknown as Monaco.languages.IMonarchLanguage);
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['$', '.', '('],
    provideCompletionItems(model, position) {
      const items = service.completions(model.getValue(), model.getOffsetAt(position));
      return { suggestions: items.map((item) => toSuggestion(monaco, model, item)) };
    },
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const hover = service.hover(model.getValue(), model.getOffsetAt(position));
      return hover && { contents: [{ value: hover.contents }], range: rangeOf(model, hover.start, hover.end) };
    },
  });
  monaco.languages.registerSignatureHelpProvider(LANGUAGE_ID, {
    signatureHelpTriggerCharacters: ['(', ','],
    provideSignatureHelp(model, position) {
      const help = service.signatureHelp(model.getValue(), model.getOffsetAt(position));
      if (!help) return null;
      const value: Monaco.languages.SignatureHelp = {
        activeSignature: help.activeSignature,
        activeParameter: help.activeParameter,
        signatures: help.signatures.map((s) => ({
          label: s.label,
          documentation: s.documentation && { value: s.documentation },
          parameters: s.parameters.map((p) => ({ label: p.offsets, documentation: p.documentation && { value: p.documentation } })),
        })),
      };
      return { value, dispose: () => undefined };
    },
  });

  // Diagnostics follow every Chorus Script model, whichever editor shows it.
  const watched = new Map<string, Monaco.IDisposable>();
  const validate = (model: Monaco.editor.ITextModel) => {
    if (model.isDisposed() || model.getLanguageId() !== LANGUAGE_ID) return;
    monaco.editor.setModelMarkers(model, OWNER, service.diagnostics(model.getValue()).map((d) => toMarker(monaco, d)));
  };
  const watch = (model: Monaco.editor.ITextModel) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    validate(model);
    watched.set(
      model.uri.toString(),
      model.onDidChangeContent(() => {
        clearTimeout(timer);
        timer = setTimeout(() => validate(model), 150);
      }),
    );
  };
  monaco.editor.onDidCreateModel(watch);
  monaco.editor.onWillDisposeModel((model) => {
    watched.get(model.uri.toString())?.dispose();
    watched.delete(model.uri.toString());
  });
}

function rangeOf(model: Monaco.editor.ITextModel, start: number, end: number): Monaco.IRange {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

function toMarker(monaco: MonacoApi, d: Diagnostic): Monaco.editor.IMarkerData {
  const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info }[d.severity];
  return { severity, code: d.code, message: d.message, startLineNumber: d.line, startColumn: d.column, endLineNumber: d.endLine, endColumn: d.endColumn };
}

function toSuggestion(monaco: MonacoApi, model: Monaco.editor.ITextModel, item: CompletionItem): Monaco.languages.CompletionItem {
  const kinds = monaco.languages.CompletionItemKind;
  const kind = { function: kinds.Function, variable: kinds.Variable, global: kinds.Variable, field: kinds.Field, keyword: kinds.Keyword, snippet: kinds.Snippet }[item.kind];
  return {
    label: item.label,
    kind,
    detail: item.detail,
    documentation: item.documentation && { value: item.documentation },
    insertText: item.insertText,
    insertTextRules: item.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    sortText: item.sortText,
    range: rangeOf(model, item.range.start, item.range.end),
  };
}
