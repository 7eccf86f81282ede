import { useEffect, useState } from 'react';
import { isRunActive, type RunLog, type RunView } from '../store/run-state.ts';
import { useStudio } from '../ui/studio-context.ts';
import { PreviewTable } from './PreviewTable.tsx';

/** The last run: live progress with cancel, then its steps, messages and a data preview per step. */
export function RunPanel() {
  const run = useStudio((s) => s.run);
  const cancel = useStudio((s) => s.cancelRun);
  if (!run) return <p className="muted">No run yet. Select an operation and press Run (F5).</p>;
  const active = isRunActive(run);
  return (
    <div className="run-panel" data-testid="run-panel" data-run-status={run.status}>
      <div className="run-header">
        <strong>{run.operationName}</strong>
        <span className={`run-status status-${run.status}`} data-testid="run-status">
          {run.status}
        </span>
        <Elapsed run={run} />
        {run.summary && <span>{run.summary.records} records</span>}
        {active && <button onClick={() => void cancel()}>Cancel</button>}
      </div>
      {run.error && (
        <p className="error" role="alert">
          {run.error}
        </p>
      )}
      <table className="grid steps" aria-label="Steps">
        <thead>
          <tr>
            <th>Operation</th>
            <th>Step</th>
            <th>Kind</th>
            <th>Records</th>
            <th>In</th>
            <th>Out</th>
            <th>ms</th>
          </tr>
        </thead>
        <tbody>
          {inLogOrder(run).map((s) => (
            <tr key={`${s.operationName}/${s.name}`}>
              <td>{s.operationName}</td>
              <td>{s.name}</td>
              <td>{s.kind}</td>
              <td data-testid={`records-${s.name}`}>{s.records}</td>
              <td>{s.finished?.recordsIn ?? ''}</td>
              <td>{s.finished?.recordsOut ?? ''}</td>
              <td>{s.finished ? Math.round(s.finished.ms) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.log && <RunLogView log={run.log} />}
    </div>
  );
}

function Elapsed({ run }: { run: RunView }) {
  const [now, setNow] = useState(Date.now());
  const active = isRunActive(run);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  const ms = (run.endedAt ?? (active ? now : run.startedAt)) - run.startedAt;
  return <span data-testid="run-elapsed">{(ms / 1000).toFixed(1)} s</span>;
}

/** Messages (errors link to their step on the canvas) and the preview of each step. */
function RunLogView({ log }: { log: RunLog }) {
  const selectOperation = useStudio((s) => s.selectOperation);
  const openTab = useStudio((s) => s.openTab);
  const workflows = useStudio((s) => s.project?.workflows ?? []);
  // Steps in the order they run, not the order their figures arrived.
  const order = log.steps.map((s) => s.name);
  const steps = Object.keys(log.preview).sort((a, b) => rank(order, a) - rank(order, b));
  const [step, setStep] = useState(steps[0]);
  const showStep = (operation: string) => {
    const workflow = workflows.find((w) => w.operations.includes(operation));
    if (workflow) openTab({ kind: 'workflows', id: workflow.id });
    selectOperation(operation);
  };
  const messages = collectMessages(log);
  return (
    <>
      {messages.length > 0 && (
        <ul className="run-messages" aria-label="Run messages">
          {messages.map(({ operation, message }, i) => (
            <li key={i} className={`level-${message.level}`}>
              {message.step ? (
                <button className="link" onClick={() => showStep(operation)}>
                  {message.step}
                </button>
              ) : null}{' '}
              {message.text}
              {message.record !== undefined ? ` (record ${message.record})` : ''}
            </li>
          ))}
        </ul>
      )}
      {steps.length > 0 && (
        <section className="preview-section">
          <div role="tablist" aria-label="Preview of step" className="panel-tabs">
            {steps.map((s) => (
              <button key={s} role="tab" aria-selected={s === step} onClick={() => setStep(s)}>
                {s}
              </button>
            ))}
          </div>
          {step && <PreviewTable records={log.preview[step] ?? []} label={`Preview of ${step}`} />}
        </section>
      )}
    </>
  );
}

const rank = (order: string[], name: string) => (order.includes(name) ? order.indexOf(name) : order.length);

/** Once the log is in, the steps of the run itself follow its step order; chained operations follow. */
function inLogOrder(run: RunView): RunView['steps'] {
  const order = run.log?.steps.map((s) => s.name) ?? [];
  const own = (s: RunView['steps'][number]) => (s.operationName === run.operationName ? 0 : 1);
  return [...run.steps].sort((a, b) => own(a) - own(b) || rank(order, a.name) - rank(order, b.name));
}

function collectMessages(log: RunLog): { operation: string; message: RunLog['messages'][number] }[] {
  return [...log.messages.map((message) => ({ operation: log.operation, message })), ...log.children.flatMap(collectMessages)];
}
