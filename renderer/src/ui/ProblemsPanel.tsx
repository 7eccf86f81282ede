import { componentOfFile, projectProblems } from '../store/problems.ts';
import { useStudio } from './studio-context.ts';

/** Every validation problem of the document; clicking one opens its component at the field. */
export function ProblemsPanel() {
  const project = useStudio((s) => s.project);
  const loadProblems = useStudio((s) => s.loadProblems);
  const openTab = useStudio((s) => s.openTab);
  if (!project) return null;
  const problems = projectProblems(project, loadProblems);
  if (!problems.length) return <p className="muted">No problems.</p>;
  return (
    <table className="grid problems" aria-label="Problems">
      <tbody>
        {problems.map((p, i) => {
          const ref = componentOfFile(project, p.file);
          return (
            <tr key={i} className={`severity-${p.severity}`} onClick={() => ref && openTab(ref, p.path)} aria-disabled={!ref}>
              <td>{p.severity === 'error' ? '⛔' : '⚠'}</td>
              <td>{p.message}</td>
              <td className="muted">
                {p.file}
                {p.line !== undefined ? `:${p.line}` : ''} {p.path !== '$' ? p.path : ''}
              </td>
              <td className="muted">{p.code}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
