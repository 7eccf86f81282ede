import type { RunLog } from '../runtime/run-log.ts';

/** The run log as a designer reads it in a terminal, chained runs indented. */
export function formatRunSummary(log: RunLog, depth = 0): string {
  const pad = '  '.repeat(depth);
  const ms = Date.parse(log.endedAt) - Date.parse(log.startedAt);
  const out: string[] = [];
  const attempts = log.attempts > 1 ? `, ${log.attempts} attempts` : '';
  out.push(`${pad}${log.operationName}: ${log.status} in ${ms} ms${attempts} (run ${log.id})`);
  for (const s of log.steps) {
    out.push(`${pad}  ${s.kind.padEnd(9)} ${s.name.padEnd(28)} in ${String(s.recordsIn).padStart(9)}  out ${String(s.recordsOut).padStart(9)}  ${s.ms.toFixed(0).padStart(6)} ms`);
  }
  for (const t of log.targets) out.push(`${pad}  wrote ${t}`);
  for (const m of log.messages) {
    const where = [m.file && (m.line !== undefined ? `${m.file}:${m.line}` : m.file), m.path, m.step && `step "${m.step}"`, m.record !== undefined && `record ${m.record}`]
      .filter(Boolean)
      .join(': ');
    out.push(`${pad}  ${m.level} ${m.code}: ${where ? `${where}: ` : ''}${m.text}`);
  }
  for (const child of log.children) out.push(formatRunSummary(child, depth + 1));
  return out.join('\n');
}
