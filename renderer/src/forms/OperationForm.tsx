import type { OperationDoc, Step } from '../../../engine/src/core/model/operation.ts';
import { findComponent } from '../store/components.ts';
import { useStudio } from '../ui/studio-context.ts';
import { getIn, pathKey, type Path } from './draft.ts';
import { CheckboxInput, NumberInput, TextInput } from './Field.tsx';
import { useComponentDraft } from './use-component-draft.ts';

const numberFields: { label: string; path: Path }[] = [
  { label: 'Timeout (seconds, 0 = none)', path: ['options', 'timeoutSeconds'] },
  { label: 'Retries', path: ['options', 'retries', 'count'] },
  { label: 'Retry delay (seconds)', path: ['options', 'retries', 'delaySeconds'] },
  { label: 'Preview records per step', path: ['options', 'previewRecords'] },
];

/** An operation's name and options; its steps and chain actions are listed (edited on the canvas). */
export function OperationForm({ operationId }: { operationId: string }) {
  const { draft, change, messages } = useComponentDraft('operations', operationId);
  const project = useStudio((s) => s.project)!;
  if (!draft) return null;
  const op = draft as unknown as OperationDoc;
  const nameOf = (kind: 'operations', id: string) => findComponent(project, kind, id)?.name ?? id;
  return (
    <form className="form" aria-label="Operation" onSubmit={(e) => e.preventDefault()}>
      <h2>Operation</h2>
      <TextInput label="Name" value={op.name} message={messages[pathKey(['name'])]} onChange={(v) => change(['name'], v)} />
      <TextInput label="Description" value={op.description} onChange={(v) => change(['description'], v || undefined)} />
      <fieldset>
        <legend>Options</legend>
        {numberFields.map((f) => (
          <NumberInput key={pathKey(f.path)} label={f.label} value={getIn(op, f.path)} message={messages[pathKey(f.path)]} onChange={(v) => change(f.path, v)} />
        ))}
        <CheckboxInput label="Debug (keep every record)" value={op.options?.debug} onChange={(v) => change(['options', 'debug'], v)} />
      </fieldset>
      <fieldset>
        <legend>Steps</legend>
        <ol>
          {op.steps.map((s, i) => (
            <li key={i}>
              {s.kind}: {stepTarget(s)} {messages[pathKey(['steps', i])] && <span className="field-message">{messages[pathKey(['steps', i])]}</span>}
            </li>
          ))}
        </ol>
        {!op.steps.length && <p className="muted">No steps yet.</p>}
      </fieldset>
      <p>
        On success: {(op.onSuccess ?? []).map((id) => nameOf('operations', id)).join(', ') || '—'}; on failure:{' '}
        {(op.onFailure ?? []).map((id) => nameOf('operations', id)).join(', ') || '—'}
      </p>
    </form>
  );
}

function stepTarget(step: Step): string {
  return step.kind === 'transform' ? step.transformation : step.kind === 'script' ? step.script : step.activity;
}
