import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { componentFile, componentKinds, type ComponentKind } from '../../../engine/src/core/model/project.ts';
import { findComponent, sameDoc, type ComponentDoc } from '../store/components.ts';
import { updateComponent } from '../store/document-commands.ts';
import { projectProblems } from '../store/problems.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { problemMessages, setIn, zodMessages, type FieldMessages, type Path } from './draft.ts';

/**
 * A form's working copy of a component. Each change is checked against the component's
 * schema: a valid document becomes an `updateComponent` command (so it is undoable and
 * autosaved); an invalid one stays in the form, with the messages beside the fields, and is
 * never sent to disk. Project problems of the saved document (a setting an endpoint kind
 * rejects, a missing reference) show beside their fields too.
 */
export function useComponentDraft(kind: ComponentKind, id: string, extraCheck?: (doc: ComponentDoc) => z.ZodError | undefined) {
  const { store } = useStudioContext();
  const doc = useStudio((s) => (s.project ? findComponent(s.project, kind, id) : undefined));
  const problems = useStudio((s) => (s.project ? projectProblems(s.project, s.loadProblems) : []));
  const [draft, setDraft] = useState(doc);
  const [invalid, setInvalid] = useState<FieldMessages>({});
  const committed = useRef(doc);

  // Undo, redo or a reload changed the document under the form: show it.
  useEffect(() => {
    if (doc !== committed.current) {
      committed.current = doc;
      setDraft(doc);
      setInvalid({});
    }
  }, [doc]);

  const change = (path: Path, value: unknown) => {
    if (!draft) return;
    const next = setIn(draft, path, value);
    setDraft(next);
    const result = componentKinds[kind].schema.safeParse(next);
    const messages = { ...zodMessages(result.success ? undefined : result.error), ...zodMessages(extraCheck?.(next)) };
    setInvalid(messages);
    if (result.success && !sameDoc(next, committed.current)) {
      committed.current = next;
      store.getState().dispatch(updateComponent, { kind, doc: next });
    }
  };

  const messages = useMemo(() => ({ ...problemMessages(problems, componentFile(kind, id)), ...invalid }), [problems, invalid, kind, id]);
  return { draft, change, messages };
}
