import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, useState, type KeyboardEvent } from 'react';
import { addStep, moveStep, removeStep } from '../store/step-commands.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { FAILURE_HANDLE, SUCCESS_HANDLE, type OperationNode as OperationNodeType, type StepView } from './graph.ts';
import { SimpleNodesContext } from './node-detail.ts';
import { droppedItem, isPaletteDrag } from './palette-items.ts';

const stepIcons: Record<StepView['kind'], string> = { read: '⇥', transform: '⇄', write: '⇤', script: '✎' };

/** An operation and its steps; a step opens its activity, transformation or script. Palette items dropped here become steps. */
function OperationNodeView({ data, selected }: NodeProps<OperationNodeType>) {
  const { store } = useStudioContext();
  const openTab = useStudio((s) => s.openTab);
  const [dropping, setDropping] = useState(false);
  const simple = useContext(SimpleNodesContext);
  const operation = data.operationId;
  const dispatch = store.getState().dispatch;
  const move = (from: number, to: number) => dispatch(moveStep, { operation, from, to });
  // Alt+Up/Down moves the focused step, the way editors move lines.
  const onStepKey = (e: KeyboardEvent, i: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    e.stopPropagation();
    const to = e.key === 'ArrowUp' ? i - 1 : i + 1;
    move(i, to);
    const list = e.currentTarget.closest('ol');
    requestAnimationFrame(() => list?.querySelectorAll<HTMLElement>('.step-open')[to]?.focus());
  };
  if (simple) return <SimpleOperationNode data={data} selected={selected} />;
  return (
    <div
      className={`op-node${selected ? ' selected' : ''}${data.problem ? ' invalid' : ''}${dropping ? ' drop-target' : ''}`}
      data-testid={`op-node-${operation}`}
      title={data.problem}
      onDoubleClick={() => openTab({ kind: 'operations', id: operation })}
      onDragOver={(e) => {
        if (!isPaletteDrag(e.dataTransfer)) return;
        e.preventDefault();
        e.stopPropagation();
        e.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        const step = droppedItem(e.dataTransfer);
        if (step === undefined) return;
        e.preventDefault();
        // Handled here, so the canvas does not also make a new operation of it.
        e.stopPropagation();
        if (step) dispatch(addStep, { operation, step });
      }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="op-title">
        {data.problem && <span aria-label="has problems">⚠ </span>}
        {data.name}
      </div>
      <ol className="op-steps" aria-label={`Steps of ${data.name}`}>
        {data.steps.map((step, i) => (
          <li
            key={i}
            className={`step step-${step.kind}${data.failedStep === step.label ? ' step-failed' : ''}${step.problem ? ' step-invalid' : ''}`}
            data-step-kind={step.kind}
            title={step.problem}
          >
            <button
              className="nodrag link step-open"
              disabled={!step.opens}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              onKeyDown={(e) => onStepKey(e, i)}
              onClick={(e) => {
                e.stopPropagation();
                if (step.opens) openTab(step.opens);
              }}
            >
              <span className="step-icon" aria-hidden>
                {step.problem ? '⚠' : stepIcons[step.kind]}
              </span>
              <span className="step-kind">{step.kind}</span> {step.label}
              {step.endpoint && <span className="step-endpoint"> · {step.endpoint}</span>}
            </button>
            <span className="step-actions nodrag">
              <button aria-label={`Move ${step.label} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                ↑
              </button>
              <button aria-label={`Move ${step.label} down`} disabled={i === data.steps.length - 1} onClick={() => move(i, i + 1)}>
                ↓
              </button>
              <button aria-label={`Remove ${step.label}`} onClick={() => dispatch(removeStep, { operation, index: i })}>
                ×
              </button>
            </span>
          </li>
        ))}
        {!data.steps.length && <li className="muted">Drop steps here</li>}
      </ol>
      <Handle type="source" id={SUCCESS_HANDLE} position={Position.Right} className="handle-success" style={{ top: '35%' }} title="On success" />
      <Handle type="source" id={FAILURE_HANDLE} position={Position.Right} className="handle-failure" style={{ top: '70%' }} title="On failure" />
    </div>
  );
}

/** Zoomed out: the name and a strip of step kinds (problems in red), with the handles the edges attach to. */
function SimpleOperationNode({ data, selected }: Pick<NodeProps<OperationNodeType>, 'data' | 'selected'>) {
  return (
    <div
      className={`op-node op-node-simple${selected ? ' selected' : ''}${data.problem ? ' invalid' : ''}`}
      data-testid={`op-node-${data.operationId}`}
      title={data.problem ?? data.name}
    >
      <Handle type="target" position={Position.Left} />
      <div className="op-title">{data.name}</div>
      <div className="op-strip" aria-label={`Steps of ${data.name}`}>
        {data.steps.map((step, i) => (
          <span key={i} className={`step-${step.kind}${step.problem ? ' step-invalid' : ''}`} title={step.label} />
        ))}
      </div>
      <Handle type="source" id={SUCCESS_HANDLE} position={Position.Right} className="handle-success" style={{ top: '35%' }} title="On success" />
      <Handle type="source" id={FAILURE_HANDLE} position={Position.Right} className="handle-failure" style={{ top: '70%' }} title="On failure" />
    </div>
  );
}

export const OperationNode = memo(OperationNodeView);
