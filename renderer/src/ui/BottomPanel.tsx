import type { ReactNode } from 'react';
import { projectProblems } from '../store/problems.ts';
import { useStudio } from './studio-context.ts';

/** Problems and the run log, as tabs under the editors. */
export function BottomPanel({ problems, run }: { problems: ReactNode; run: ReactNode }) {
  const tab = useStudio((s) => s.bottomTab);
  const setTab = useStudio((s) => s.setBottomTab);
  const count = useStudio((s) => (s.project ? projectProblems(s.project, s.loadProblems).length : 0));
  return (
    <section className="bottom-panel">
      <div role="tablist" className="panel-tabs">
        <button role="tab" aria-selected={tab === 'problems'} onClick={() => setTab('problems')}>
          Problems <span className="badge">{count}</span>
        </button>
        <button role="tab" aria-selected={tab === 'run'} onClick={() => setTab('run')}>
          Run log
        </button>
      </div>
      <div role="tabpanel" className="panel-body">
        {tab === 'problems' ? problems : run}
      </div>
    </section>
  );
}
