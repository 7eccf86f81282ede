import type { TestSummary } from '../../../preload/contract.ts';

export interface TestGroup {
  key: string;
  /** `Operation: Convert orders`, `Transformation: Order row to order`. */
  label: string;
  tests: TestSummary[];
}

/** Tests grouped by what they run, operations first, groups and tests by name. */
export function groupTests(tests: readonly TestSummary[]): TestGroup[] {
  const groups = new Map<string, TestGroup>();
  for (const t of tests) {
    const key = `${t.target.kind}:${t.target.id}`;
    const kind = t.target.kind === 'operation' ? 'Operation' : 'Transformation';
    const group = groups.get(key) ?? { key, label: `${kind}: ${t.target.name}`, tests: [] };
    group.tests.push(t);
    groups.set(key, group);
  }
  const byName = (a: { label?: string; name?: string }, b: { label?: string; name?: string }) => (a.label ?? a.name ?? '').localeCompare(b.label ?? b.name ?? '');
  return [...groups.values()]
    .sort((a, b) => (a.key.startsWith('operation') === b.key.startsWith('operation') ? byName(a, b) : a.key.startsWith('operation') ? -1 : 1))
    .map((g) => ({ ...g, tests: [...g.tests].sort(byName) }));
}

export type ShownStatus = TestSummary['status'] | 'running' | 'not run';

const icons: Record<NonNullable<ShownStatus>, string> = { passed: '✓', failed: '✗', error: '!', skipped: '–', running: '…', 'not run': '○' };

export function statusIcon(status: ShownStatus): string {
  return icons[status ?? 'not run'];
}
