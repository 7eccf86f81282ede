import './tests.css';
import { useStore } from 'zustand';
import type { TestResultView } from '../../../preload/contract.ts';
import { useStudioContext } from '../ui/studio-context.ts';
import { groupTests, statusIcon, type ShownStatus } from './test-tree.ts';
import { testsStoreOf } from './tests-store.ts';

/** The test explorer: tests grouped by what they run, with their status; run one or all; the result of the selected one. */
export function TestsPanel() {
  const { client, store } = useStudioContext();
  const tests = useStore(testsStoreOf(store, client));
  const selected = tests.selected ? tests.results[tests.selected] : undefined;
  const busy = tests.running.length > 0;
  const statusOf = (id: string, last: ShownStatus): ShownStatus => (tests.running.includes(id) ? 'running' : (tests.results[id]?.status ?? last));
  return (
    <div className="tests-panel" data-testid="tests-panel" data-busy={busy}>
      <div className="tests-tree">
        <div className="tests-toolbar">
          <button onClick={() => void tests.run()} disabled={busy || tests.tests.length === 0}>
            ▶ Run All Tests
          </button>
        </div>
        {tests.error && (
          <p className="error" role="alert">
            {tests.error}
          </p>
        )}
        {tests.tests.length === 0 && <p className="muted">No tests yet: add tests/*.json, or create one from a run.</p>}
        <ul role="tree" aria-label="Tests">
          {groupTests(tests.tests).map((g) => (
            <li key={g.key} role="treeitem" aria-expanded="true" aria-selected={false}>
              <span className="tests-group">{g.label}</span>
              <ul role="group">
                {g.tests.map((t) => {
                  const status = statusOf(t.id, t.status);
                  return (
                    <li key={t.id} role="treeitem" aria-selected={tests.selected === t.id} data-testid={`test-${t.id}`} data-status={status ?? 'not run'} className="tests-item">
                      <span className={`test-icon status-${status ?? 'not-run'}`} aria-label={status ?? 'not run'}>
                        {statusIcon(status)}
                      </span>
                      <button className="link" onClick={() => tests.select(t.id)}>
                        {t.name}
                      </button>
                      <button className="icon" title={`Run ${t.name}`} aria-label={`Run ${t.name}`} disabled={busy} onClick={() => void tests.run([t.id])}>
                        ▶
                      </button>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </div>
      <div className="tests-result">{selected ? <TestResult result={selected} /> : <p className="muted">Run the tests, then pick one to see its result.</p>}</div>
    </div>
  );
}

/** A result: its status and time, then what failed, each comparison as a table of paths with expected and actual side by side. */
function TestResult({ result }: { result: TestResultView }) {
  return (
    <section aria-label={`Result of ${result.name}`} data-testid="test-result">
      <h4>
        <span className={`status-${result.status}`}>{result.status}</span> {result.name} <span className="muted">({result.ms} ms)</span>
      </h4>
      {result.skipReason && <p>Skipped: {result.skipReason}</p>}
      {result.failures.map((f, i) => (
        <div key={i} className="test-failure">
          <p>{f.message}</p>
          {f.diff.length > 0 && (
            <table className="grid test-diff" aria-label="Differences">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Expected</th>
                  <th>Actual</th>
                </tr>
              </thead>
              <tbody>
                {f.diff.map((d, j) => (
                  <tr key={j}>
                    <td className="diff-path">{d.path}</td>
                    <td className="diff-expected">{d.expected}</td>
                    <td className="diff-actual">{d.actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {f.details.length > 0 && (
            <ul className="test-details">
              {f.details.map((d, j) => (
                <li key={j}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
