/** The slice of a long list that is on screen, plus a few either side so a scroll does not show blanks. */
export interface VirtualWindow {
  start: number;
  /** Exclusive. */
  end: number;
  /** Space standing in for the items before `start` and after `end`. */
  before: number;
  after: number;
}

export function virtualWindow(offset: number, viewport: number, itemSize: number, count: number, overscan = 3): VirtualWindow {
  const first = Math.floor(Math.max(0, offset) / itemSize);
  const start = Math.max(0, Math.min(count, first) - overscan);
  const end = Math.min(count, first + Math.ceil(viewport / itemSize) + 1 + overscan);
  return { start, end: Math.max(start, end), before: start * itemSize, after: (count - Math.max(start, end)) * itemSize };
}
