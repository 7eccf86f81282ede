import { componentKinds } from '../../../engine/src/core/model/project.ts';
import { findComponent } from '../store/components.ts';
import { findUsages } from '../store/usages.ts';
import { useStudio } from './studio-context.ts';

/** What uses the component asked about; a click opens the one that uses it at the reference. */
export function UsagesPanel() {
  const project = useStudio((s) => s.project);
  const target = useStudio((s) => s.usagesOf);
  const openTab = useStudio((s) => s.openTab);
  if (!project || !target) return <p className="muted">Choose “Find usages” on a component in the explorer (Shift+F12).</p>;
  const name = findComponent(project, target.kind, target.id)?.name ?? target.id;
  const usages = findUsages(project, target);
  return (
    <div data-testid="usages-panel">
      <p>
        Usages of {componentKinds[target.kind].label} <strong>{name}</strong>: {usages.length}
      </p>
      {usages.length > 0 && (
        <table className="grid problems" aria-label="Usages">
          <tbody>
            {usages.map((u) => (
              <tr key={`${u.kind}/${u.id}${u.path}`}>
                <td>{componentKinds[u.kind].label}</td>
                <td>
                  <button className="link" onClick={() => openTab({ kind: u.kind, id: u.id }, u.path)}>
                    {u.name}
                  </button>
                </td>
                <td className="muted">{u.path}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
