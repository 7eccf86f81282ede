import { useState } from 'react';
import type { ComponentKind } from '../../../engine/src/core/model/project.ts';
import { nameProblem } from '../store/component-commands.ts';
import type { ComponentDoc } from '../store/components.ts';
import { renameComponent } from '../store/document-commands.ts';
import { useStudioContext } from './studio-context.ts';

/** The explorer's in-place rename: Enter renames (one undoable command), Escape or leaving the field cancels. */
export function RenameField({ kind, doc }: { kind: ComponentKind; doc: ComponentDoc }) {
  const { store } = useStudioContext();
  const [name, setName] = useState(doc.name);
  const problem = nameProblem(store.getState().project!, kind, doc.id, name);
  const done = () => store.getState().setRenaming(undefined);
  return (
    <div className="rename-field">
      <input
        autoFocus
        aria-label={`New name of ${doc.name}`}
        aria-invalid={!!problem}
        value={name}
        onFocus={(e) => e.target.select()}
        onChange={(e) => setName(e.target.value)}
        onBlur={done}
        onKeyDown={(e) => {
          if (e.key === 'Escape') done();
          else if (e.key === 'Enter' && !problem) {
            if (name.trim() !== doc.name) store.getState().dispatch(renameComponent, { kind, id: doc.id, name });
            done();
          } else return;
          e.preventDefault();
        }}
      />
      {problem && (
        <span className="field-message" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
