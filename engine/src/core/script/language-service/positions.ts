/**
 * Offsets <-> 1-based line/column. Built once per source so that converting every
 * diagnostic is a binary search, not a rescan. Lines break at LF; a CR before it stays part
 * of the line, as Monaco counts columns.
 */
export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  /** Clamps out-of-range lines and columns to the nearest valid offset. */
  offsetAt(line: number, column: number): number {
    if (line < 1) return 0;
    if (line > this.starts.length) return this.source.length;
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] - 1 : this.source.length;
    return Math.min(start + Math.max(column, 1) - 1, next);
  }
}
