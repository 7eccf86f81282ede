import { componentKinds } from '../../../engine/src/core/model/project.ts';
import { deleteComponent } from '../store/component-commands.ts';
import { findComponent, type ComponentRef } from '../store/components.ts';
import { findUsages } from '../store/usages.ts';
import { useStudio, useStudioContext } from './studio-context.ts';

/** Asks before a delete, listing what uses the component (those references will show as problems). */
export function DeleteDialog({ target }: { target: ComponentRef }) {
  const { store } = useStudioContext();
  const project = useStudio((s) => s.project)!;
  const doc = findComponent(project, target.kind, target.id);
  const close = () => store.getState().setPendingDelete(undefined);
  if (!doc) return null;
  const usages = findUsages(project, target);
  const label = componentKinds[target.kind].label;
  const confirm = () => {
    close();
    store.getState().dispatch(deleteComponent, target);
  };
  return (
    <div className="overlay" onMouseDown={close}>
      <div className="dialog confirm" role="alertdialog" aria-label={`Delete ${doc.name}`} onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2>
          Delete {label} “{doc.name}”?
        </h2>
        {usages.length ? (
          <>
            <p>{target.kind === 'operations' ? 'It leaves the workflows and chains below; other uses will be reported as problems:' : 'These use it and will be reported as problems:'}</p>
            <ul aria-label="Used by">
              {usages.map((u) => (
                <li key={`${u.kind}/${u.id}${u.path}`}>
                  {componentKinds[u.kind].label} {u.name} <span className="muted">{u.path}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Nothing uses it.</p>
        )}
        <p className="muted">You can undo this.</p>
        <div className="dialog-buttons">
          <button onClick={close}>Cancel</button>
          <button autoFocus className="danger" onClick={confirm}>
            Delete
          </button>
        </div>
      </div>
    </div>
  );
}
