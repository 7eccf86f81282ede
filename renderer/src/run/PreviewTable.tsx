import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { virtualWindow } from './virtual-window.ts';

export const ROW_HEIGHT = 24;
export const COLUMN_WIDTH = 160;
const NUMBER_WIDTH = 60;
/** Before the first measure (and on the server): a size that fills the panel. */
const INITIAL_VIEW = { width: 1200, height: 260 };

/**
 * Records as a table: one column per top-level field, nested values as compact JSON. Only
 * the rows and columns in view are rendered (debug data can be wide and long); spacers
 * stand in for the rest, so the scrollbars stay true.
 */
export function PreviewTable({ records, label }: { records: unknown[]; label: string }) {
  const rows = useMemo(() => records.map((r) => (r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : { value: r })), [records]);
  const columns = useMemo(() => [...new Set(rows.flatMap((r) => Object.keys(r)))], [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, ...INITIAL_VIEW });
  const measure = () => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
  };
  useLayoutEffect(() => {
    measure();
    const observer = new ResizeObserver(measure);
    if (scroller.current) observer.observe(scroller.current);
    return () => observer.disconnect();
  }, []);
  if (!rows.length) return <p className="muted">No records.</p>;
  const r = virtualWindow(view.top, view.height, ROW_HEIGHT, rows.length);
  const c = virtualWindow(view.left - NUMBER_WIDTH, view.width, COLUMN_WIDTH, columns.length, 1);
  const shown = columns.slice(c.start, c.end);
  const spacer = (width: number) => width > 0 && <td className="spacer" style={{ width }} aria-hidden />;
  return (
    <div className="preview-scroll" ref={scroller} onScroll={measure} data-testid="preview-scroll">
      <table
        className="grid preview"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length + 1}
        style={{ width: NUMBER_WIDTH + columns.length * COLUMN_WIDTH }}
      >
        <colgroup>
          <col style={{ width: NUMBER_WIDTH }} />
          {c.before > 0 && <col style={{ width: c.before }} />}
          {shown.map((name) => (
            <col key={name} style={{ width: COLUMN_WIDTH }} />
          ))}
          {c.after > 0 && <col style={{ width: c.after }} />}
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            {c.before > 0 && <th aria-hidden />}
            {shown.map((name, i) => (
              <th key={name} aria-colindex={c.start + i + 2} title={name}>
                {name}
              </th>
            ))}
            {c.after > 0 && <th aria-hidden />}
          </tr>
        </thead>
        <tbody>
          {r.before > 0 && (
            <tr className="spacer" aria-hidden style={{ height: r.before }}>
              <td />
            </tr>
          )}
          {rows.slice(r.start, r.end).map((row, i) => (
            <tr key={r.start + i} aria-rowindex={r.start + i + 2} style={{ height: ROW_HEIGHT }}>
              <td className="muted">{r.start + i + 1}</td>
              {spacer(c.before)}
              {shown.map((name) => (
                <td key={name}>{cell(row[name])}</td>
              ))}
              {spacer(c.after)}
            </tr>
          ))}
          {r.after > 0 && (
            <tr className="spacer" aria-hidden style={{ height: r.after }}>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
