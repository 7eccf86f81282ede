import type { ReactNode } from 'react';
import { projectProblems } from '../store/problems.ts';
import type { BottomTab } from '../store/ui-slice.ts';
import { useStudio } from './studio-context.ts';

const titles: Record<BottomTab, string> = { problems: 'Problems', run: 'Run log', history: 'Run history', usages: 'Usages', tests: 'Tests', sync: 'Sync' };

/** Problems, the run log, the run history and usages, as tabs under the editors. */
export function BottomPanel({ panels }: { panels: Record<BottomTab, ReactNode> }) {
  const tab = useStudio((s) => s.bottomTab);
  const setTab = useStudio((s) => s.setBottomTab);
  const count = useStudio((s) => (s.project ? projectProblems(s.project, s.loadProblems).length : 0));
  return (
    <section className="bottom-panel">
      <div role="tablist" className="panel-tabs">
        {(Object.keys(titles) as BottomTab[]).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {titles[t]}
            {t === 'problems' && <span className="badge">{count}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="panel-body" aria-label={titles[tab]}>
        {panels[tab]}
      </div>
    </section>
  );
}
