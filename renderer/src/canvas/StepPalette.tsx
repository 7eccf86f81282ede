import type { Step } from '../../../engine/src/core/model/operation.ts';
import { addOperation } from '../store/document-commands.ts';
import { addStep } from '../store/step-commands.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { canvasControls } from './canvas-controls.ts';
import { PALETTE_MIME, paletteGroups } from './palette-items.ts';

/**
 * Activities, transformations and scripts to drag into an operation (or onto the canvas for
 * a new one). Keyboard: Enter adds the item to the selected operation, or makes a new one.
 */
export function StepPalette({ workflowId }: { workflowId: string }) {
  const { store } = useStudioContext();
  const project = useStudio((s) => s.project)!;
  const add = (step: Step | undefined) => {
    const { selectedOperation, dispatch } = store.getState();
    const onCanvas = selectedOperation && project.workflows.find((w) => w.id === workflowId)?.operations.includes(selectedOperation);
    if (step && onCanvas) dispatch(addStep, { operation: selectedOperation, step });
    else dispatch(addOperation, { workflow: workflowId, name: 'New operation', position: canvasControls.current?.centre() ?? { x: 80, y: 80 }, steps: step ? [step] : [] });
  };
  return (
    <aside className="step-palette" aria-label="Palette">
      {paletteGroups(project).map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h4>{group.title}</h4>
          {group.items.map((item) => (
            <button
              key={item.key}
              className={`palette-item${item.step ? ` step-${item.step.kind}` : ''}`}
              draggable
              title={item.step ? 'Drag into an operation, or press Enter to add to the selected one' : 'Drag onto the canvas'}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, JSON.stringify({ step: item.step }));
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(item.step)}
            >
              {item.label}
              {item.detail && <span className="muted"> {item.detail}</span>}
            </button>
          ))}
          {!group.items.length && <p className="muted">None</p>}
        </section>
      ))}
    </aside>
  );
}
