import { useState } from 'react';
import { componentKindNames, componentKinds, type ComponentKind } from '../../../engine/src/core/model/project.ts';
import { duplicateAndShow } from '../commands/edit-app-commands.ts';
import { listOf, type ComponentDoc } from '../store/components.ts';
import { RenameField } from './RenameField.tsx';
import { useStudio, useStudioContext } from './studio-context.ts';

/** The project's components by kind, filtered by a search over their names and ids; each with rename, duplicate, usages and delete. */
export function Explorer() {
  const project = useStudio((s) => s.project)!;
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  return (
    <nav className="explorer" aria-label="Explorer">
      <input type="search" placeholder="Search" aria-label="Search components" value={query} onChange={(e) => setQuery(e.target.value)} />
      {componentKindNames.map((kind) => {
        const items = listOf(project, kind).filter((c) => !q || c.name.toLowerCase().includes(q) || c.id.includes(q));
        if (!items.length) return null;
        return (
          <section key={kind} aria-label={kind}>
            <h3>
              {kind} <span className="muted">{items.length}</span>
            </h3>
            <ul>
              {items.map((c) => (
                <ExplorerItem key={c.id} kind={kind} doc={c} />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

function ExplorerItem({ kind, doc }: { kind: ComponentKind; doc: ComponentDoc }) {
  const { store } = useStudioContext();
  const active = useStudio((s) => s.activeTab?.kind === kind && s.activeTab.id === doc.id);
  const renaming = useStudio((s) => s.renaming?.kind === kind && s.renaming.id === doc.id);
  const s = () => store.getState();
  const ref = { kind, id: doc.id };
  if (renaming) {
    return (
      <li>
        <RenameField kind={kind} doc={doc} />
      </li>
    );
  }
  return (
    <li className="explorer-row">
      <button
        className="explorer-item"
        aria-current={active ? 'page' : undefined}
        title={`${componentKinds[kind].label} ${doc.id}`}
        onClick={() => s().openTab(ref)}
        onKeyDown={(e) => {
          // Delete acts on the focused item, as in a file explorer (F2 is the Rename command, on the open component).
          if (e.key !== 'Delete') return;
          e.preventDefault();
          s().setPendingDelete(ref);
        }}
      >
        {doc.name}
      </button>
      <span className="explorer-actions">
        <button aria-label={`Rename ${doc.name}`} title="Rename (F2)" onClick={() => s().setRenaming(ref)}>
          ✎
        </button>
        <button aria-label={`Duplicate ${doc.name}`} title="Duplicate" onClick={() => duplicateAndShow(store, ref)}>
          ⧉
        </button>
        <button aria-label={`Find usages of ${doc.name}`} title="Find usages" onClick={() => s().showUsages(ref)}>
          ⌕
        </button>
        <button aria-label={`Delete ${doc.name}`} title="Delete" onClick={() => s().setPendingDelete(ref)}>
          🗑
        </button>
      </span>
    </li>
  );
}
