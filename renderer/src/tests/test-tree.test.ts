import { describe, expect, it } from 'vitest';
import type { TestSummary } from '../../../preload/contract.ts';
import { groupTests, statusIcon } from './test-tree.ts';

const test = (id: string, kind: 'operation' | 'transformation', target: string, status?: TestSummary['status']): TestSummary => ({
  id,
  name: id.toUpperCase(),
  target: { kind, id: target, name: target },
  ...(status ? { status } : {}),
});

describe('groupTests', () => {
  it('groups by operation or transformation, operations first, by name', () => {
    const groups = groupTests([test('t3', 'transformation', 'map'), test('t2', 'operation', 'send'), test('t1', 'operation', 'convert'), test('t0', 'operation', 'send')]);
    expect(groups.map((g) => [g.label, g.tests.map((t) => t.id)])).toEqual([
      ['Operation: convert', ['t1']],
      ['Operation: send', ['t0', 't2']],
      ['Transformation: map', ['t3']],
    ]);
  });

  it('shows a test never run as not run', () => {
    expect(statusIcon(undefined)).toBe(statusIcon('not run'));
    expect(statusIcon('passed')).not.toBe(statusIcon('failed'));
  });
});
