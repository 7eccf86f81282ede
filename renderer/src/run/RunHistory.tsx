import { useEffect } from 'react';
import { isRunActive } from '../store/run-state.ts';
import { useStudio } from '../ui/studio-context.ts';
import { chartLayout, durationMs } from './history-chart.ts';

const W = 560;
const H = 90;

/** The project's earlier runs: a chart of durations and record counts, and a list to open a run's log from. */
export function RunHistory() {
  const history = useStudio((s) => s.runHistory);
  const error = useStudio((s) => s.historyError);
  const loadHistory = useStudio((s) => s.loadHistory);
  const openRun = useStudio((s) => s.openRun);
  const running = useStudio((s) => isRunActive(s.run));
  useEffect(() => void loadHistory(), [loadHistory]);
  if (error) return <p className="error">{error}</p>;
  if (!history.length) return <p className="muted">No runs yet.</p>;
  const chart = chartLayout(history, W, H);
  return (
    <div className="run-history" data-testid="run-history">
      <svg className="history-chart" viewBox={`-40 -8 ${W + 80} ${H + 24}`} role="img" aria-label={`Durations and records of the last ${history.length} runs`}>
        <line x1={0} y1={H} x2={W} y2={H} className="axis" />
        <text x={-4} y={4} className="axis-label" textAnchor="end">
          {formatMs(chart.maxMs)}
        </text>
        <text x={W + 4} y={4} className="axis-label records">
          {chart.maxRecords}
        </text>
        {chart.runs.map((r) => (
          <g key={r.id} className={`history-run status-${r.status}`}>
            <title>{`${formatMs(r.ms)}, ${r.records} records (${r.status})`}</title>
            <rect x={r.x} y={r.barY} width={r.width} height={H - r.barY} className="duration-bar" />
            <circle cx={r.x + r.width / 2} cy={r.dotY} r={3} className="records-dot" />
          </g>
        ))}
        <text x={0} y={H + 14} className="axis-label">
          ■ duration
        </text>
        <text x={W} y={H + 14} className="axis-label records" textAnchor="end">
          ● records
        </text>
      </svg>
      <table className="grid" aria-label="Runs">
        <thead>
          <tr>
            <th>Started</th>
            <th>Operation</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Records</th>
            <th>Errors</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.map((r) => (
            <tr key={r.id}>
              <td>{new Date(r.startedAt).toLocaleString()}</td>
              <td>{r.operationName}</td>
              <td className={`status-${r.status}`}>{r.status}</td>
              <td>{formatMs(durationMs(r))}</td>
              <td>{r.records}</td>
              <td>{r.errors}</td>
              <td>
                <button className="link" disabled={running} onClick={() => void openRun(r.id)} aria-label={`Open log of the run of ${r.startedAt}`}>
                  Open log
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
