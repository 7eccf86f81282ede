import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreviewTable } from './PreviewTable.tsx';
import { virtualWindow } from './virtual-window.ts';

describe('virtualised preview', () => {
  it('computes the rows in view with a few either side, and the space that stands in for the rest', () => {
    expect(virtualWindow(0, 240, 24, 10_000)).toEqual({ start: 0, end: 14, before: 0, after: (10_000 - 14) * 24 });
    expect(virtualWindow(24 * 5000, 240, 24, 10_000)).toEqual({ start: 4997, end: 5014, before: 4997 * 24, after: (10_000 - 5014) * 24 });
    expect(virtualWindow(24 * 20_000, 240, 24, 10_000)).toMatchObject({ start: 9997, end: 10_000, after: 0 });
    expect(virtualWindow(0, 240, 24, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('renders only the visible rows and columns of a 10,000 by 200 preview', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => Object.fromEntries(Array.from({ length: 200 }, (_, c) => [`field${c}`, `r${i}c${c}`])));
    const html = renderToStaticMarkup(createElement(PreviewTable, { records, label: 'Preview' }));
    const rows = html.match(/aria-rowindex=/g)?.length ?? 0;
    const headers = html.match(/aria-colindex=/g)?.length ?? 0;
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(30);
    expect(headers).toBeGreaterThan(3);
    expect(headers).toBeLessThan(15);
    expect(html).toContain('aria-rowcount="10001"');
    expect(html).toContain('r0c0');
    expect(html).not.toContain('r9999c0');
    expect(html).not.toContain('field199');
  });
});
