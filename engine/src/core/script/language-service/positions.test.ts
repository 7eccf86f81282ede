import { describe, expect, it } from 'vitest';
import { LineIndex } from './positions.ts';

describe('LineIndex', () => {
  const source = '<trans>\r\nx = 1;\n\ny\n</trans>';
  const lines = new LineIndex(source);

  it('maps offsets to 1-based line and column and back', () => {
    for (let offset = 0; offset <= source.length; offset++) {
      const { line, column } = lines.positionAt(offset);
      expect(lines.offsetAt(line, column)).toBe(offset);
    }
    expect(lines.positionAt(source.indexOf('x'))).toEqual({ line: 2, column: 1 });
    expect(lines.positionAt(source.indexOf('y'))).toEqual({ line: 4, column: 1 });
    expect(lines.positionAt(source.length)).toEqual({ line: 5, column: 9 });
  });

  it('clamps positions outside the text', () => {
    expect(lines.positionAt(-3)).toEqual({ line: 1, column: 1 });
    expect(lines.positionAt(999)).toEqual({ line: 5, column: 9 });
    expect(lines.offsetAt(0, 5)).toBe(0);
    expect(lines.offsetAt(2, 99)).toBe(source.indexOf('\n\n'));
    expect(lines.offsetAt(99, 1)).toBe(source.length);
  });

  it('handles an empty source', () => {
    expect(new LineIndex('').positionAt(0)).toEqual({ line: 1, column: 1 });
  });
});
