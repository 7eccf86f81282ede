import { useState } from 'react';
import { componentKindNames, componentKinds } from '../../../engine/src/core/model/project.ts';
import { listOf } from '../store/components.ts';
import { useStudio } from './studio-context.ts';

/** The project's components by kind, filtered by a search over their names and ids. */
export function Explorer() {
  const project = useStudio((s) => s.project)!;
  const activeTab = useStudio((s) => s.activeTab);
  const openTab = useStudio((s) => s.openTab);
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
                <li key={c.id}>
                  <button
                    className="explorer-item"
                    aria-current={activeTab?.kind === kind && activeTab.id === c.id ? 'page' : undefined}
                    title={`${componentKinds[kind].label} ${c.id}`}
                    onClick={() => openTab({ kind, id: c.id })}
                  >
                    {c.name}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
