import { describe, expect, it } from 'vitest';
import { diffLines } from './diff.ts';
import { mergeText, splitLines } from './text.ts';

const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('');

describe('diffLines', () => {
  it('finds the changed regions', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 2 },
      { baseStart: 4, baseEnd: 4, sideStart: 4, sideEnd: 5 },
    ]);
    expect(diffLines(['a', 'b'], ['a', 'b'])).toEqual([]);
    expect(diffLines([], ['a'])).toEqual([{ baseStart: 0, baseEnd: 0, sideStart: 0, sideEnd: 1 }]);
  });

  it('applying the hunks gives the side back, on random inputs', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 200; round++) {
      const base = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]);
      const side = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]);
      const out: string[] = [];
      let at = 0;
      for (const h of diffLines(base, side)) {
        out.push(...base.slice(at, h.baseStart), ...side.slice(h.sideStart, h.sideEnd));
        at = h.baseEnd;
      }
      out.push(...base.slice(at));
      expect(out).toEqual(side);
    }
  });
});

describe('mergeText', () => {
  const base = lines('one', 'two', 'three', 'four', 'five', 'six');

  it('keeps the text byte for byte, with or without a final newline', () => {
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(mergeText('a\nb', 'a\nb', 'a\nb')).toEqual({ mine: 'a\nb', theirs: 'a\nb', conflicts: [] });
  });

  it('merges changes to different lines from both sides', () => {
    const mine = lines('one', 'TWO', 'three', 'four', 'five', 'six');
    const theirs = lines('one', 'two', 'three', 'four', 'FIVE', 'six', 'seven');
    const merged = mergeText(base, mine, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.mine).toBe(lines('one', 'TWO', 'three', 'four', 'FIVE', 'six', 'seven'));
    expect(merged.theirs).toBe(merged.mine);
  });

  it('reports overlapping changes as a conflict with each side in its candidate', () => {
    const merged = mergeText(base, lines('one', 'two', 'mine', 'four', 'five', 'six'), lines('one', 'two', 'theirs', 'four', 'five', 'SIX'));
    expect(merged.conflicts).toEqual([{ from: 3, to: 3 }]);
    expect(merged.mine).toBe(lines('one', 'two', 'mine', 'four', 'five', 'SIX'));
    expect(merged.theirs).toBe(lines('one', 'two', 'theirs', 'four', 'five', 'SIX'));
  });

  it('accepts the same change on both sides, and treats touching changes as overlapping', () => {
    const same = lines('one', 'two', 'x', 'four', 'five', 'six');
    expect(mergeText(base, same, same).conflicts).toEqual([]);
    const touching = mergeText(base, lines('one', 'TWO', 'three', 'four', 'five', 'six'), lines('one', 'two', 'new', 'three', 'four', 'five', 'six'));
    expect(touching.conflicts).toEqual([{ from: 2, to: 2 }]);
  });

  it('conflicts when both insert at the same place, and merges insertions at different places', () => {
    expect(mergeText(base, lines('zero', 'one', 'two', 'three', 'four', 'five', 'six'), lines('ZERO', 'one', 'two', 'three', 'four', 'five', 'six')).conflicts).toEqual([{ from: 1, to: 0 }]);
    const merged = mergeText(base, lines('zero', 'one', 'two', 'three', 'four', 'five', 'six'), lines('one', 'two', 'three', 'four', 'five', 'six', 'seven'));
    expect(merged.mine).toBe(lines('zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'));
  });

  it('takes a deletion of lines on one side', () => {
    const merged = mergeText(base, lines('one', 'four', 'five', 'six'), lines('one', 'two', 'three', 'four', 'five', 'six!'));
    expect(merged).toMatchObject({ mine: lines('one', 'four', 'five', 'six!'), conflicts: [] });
  });
});
