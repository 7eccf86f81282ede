import { lazy, Suspense } from 'react';
import { WorkflowCanvas } from '../canvas/WorkflowCanvas.tsx';
import { ActivityForm } from '../forms/ActivityForm.tsx';
import { EndpointForm } from '../forms/EndpointForm.tsx';
import { OperationForm } from '../forms/OperationForm.tsx';
import { VariableForm } from '../forms/VariableForm.tsx';
import { findComponent, type ComponentRef } from '../store/components.ts';
import { useStudio } from './studio-context.ts';

// Monaco is large: it loads when the first script opens, not at start-up.
const ScriptEditor = lazy(() => import('../monaco/ScriptEditor.tsx'));

/** Open components as tabs; each kind gets its editor, the others a read-only view for now. */
export function EditorArea() {
  const tabs = useStudio((s) => s.tabs);
  const active = useStudio((s) => s.activeTab);
  const project = useStudio((s) => s.project)!;
  const openTab = useStudio((s) => s.openTab);
  const closeTab = useStudio((s) => s.closeTab);
  const isActive = (t: ComponentRef) => active?.kind === t.kind && active.id === t.id;
  return (
    <section className="editor-area">
      <div role="tablist" className="tabs" aria-label="Open editors">
        {tabs.map((t) => (
          <div key={`${t.kind}/${t.id}`} className="tab" role="tab" aria-selected={isActive(t)}>
            <button className="tab-title" onClick={() => openTab(t)}>
              {findComponent(project, t.kind, t.id)?.name ?? t.id}
            </button>
            <button className="tab-close" aria-label={`Close ${t.id}`} onClick={() => closeTab(t)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="tab-body">{active && <Editor tab={active} />}</div>
    </section>
  );
}

function Editor({ tab }: { tab: ComponentRef }) {
  const doc = useStudio((s) => s.project && findComponent(s.project, tab.kind, tab.id));
  if (!doc) return <p className="muted">This component no longer exists.</p>;
  switch (tab.kind) {
    case 'workflows':
      return <WorkflowCanvas key={tab.id} workflowId={tab.id} />;
    case 'scripts':
      return (
        <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          <ScriptEditor key={tab.id} scriptId={tab.id} />
        </Suspense>
      );
    case 'endpoints':
      return <EndpointForm key={tab.id} endpointId={tab.id} />;
    case 'operations':
      return <OperationForm key={tab.id} operationId={tab.id} />;
    case 'activities':
      return <ActivityForm key={tab.id} activityId={tab.id} />;
    case 'variables':
      return <VariableForm key={tab.id} variableId={tab.id} />;
    default:
      return <pre className="json-view">{JSON.stringify(doc, null, 2)}</pre>;
  }
}
