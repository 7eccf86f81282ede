/** Records as a table: one column per top-level field; nested values as compact JSON. */
export function PreviewTable({ records, label }: { records: unknown[]; label: string }) {
  if (!records.length) return <p className="muted">No records.</p>;
  const rows = records.map((r) => (r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : { value: r }));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <div className="preview-scroll">
      <table className="grid preview" aria-label={label}>
        <thead>
          <tr>
            <th>#</th>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="muted">{i + 1}</td>
              {columns.map((c) => (
                <td key={c}>{cell(r[c])}</td>
              ))}
            </tr>
          ))}
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
