import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useStudio } from '../ui/studio-context.ts';
import { FAILURE_HANDLE, SUCCESS_HANDLE, type OperationNode as OperationNodeType, type StepView } from './graph.ts';

const stepIcons: Record<StepView['kind'], string> = { read: '⇥', transform: '⇄', write: '⇤', script: '✎' };

/** An operation and its steps; a step opens its endpoint, transformation or script. */
function OperationNodeView({ data, selected }: NodeProps<OperationNodeType>) {
  const openTab = useStudio((s) => s.openTab);
  return (
    <div
      className={`op-node${selected ? ' selected' : ''}${data.problem ? ' invalid' : ''}`}
      data-testid={`op-node-${data.operationId}`}
      title={data.problem}
      onDoubleClick={() => openTab({ kind: 'operations', id: data.operationId })}
    >
      <Handle type="target" position={Position.Left} />
      <div className="op-title">
        {data.problem && <span aria-label="has problems">⚠ </span>}
        {data.name}
      </div>
      <ol className="op-steps">
        {data.steps.map((step, i) => (
          <li key={i} className={`step step-${step.kind}${data.failedStep === step.label ? ' step-failed' : ''}`} data-step-kind={step.kind}>
            <button
              className="nodrag link"
              disabled={!step.opens}
              onClick={(e) => {
                e.stopPropagation();
                if (step.opens) openTab(step.opens);
              }}
            >
              <span className="step-icon" aria-hidden>
                {stepIcons[step.kind]}
              </span>
              <span className="step-kind">{step.kind}</span> {step.label}
              {step.endpoint && <span className="step-endpoint"> · {step.endpoint}</span>}
            </button>
          </li>
        ))}
        {!data.steps.length && <li className="muted">No steps</li>}
      </ol>
      <Handle type="source" id={SUCCESS_HANDLE} position={Position.Right} className="handle-success" style={{ top: '35%' }} title="On success" />
      <Handle type="source" id={FAILURE_HANDLE} position={Position.Right} className="handle-failure" style={{ top: '70%' }} title="On failure" />
    </div>
  );
}

export const OperationNode = memo(OperationNodeView);
