import { describe, expect, it } from 'vitest';
import { putComponent } from './components.ts';
import { sampleProject } from './test-support.ts';
import { findUsages } from './usages.ts';

describe('find usages', () => {
  it('lists every component that references another, with the path of the reference', () => {
    let p = sampleProject();
    p = putComponent(p, 'activities', 'read-in', { id: 'read-in', name: 'Read in', type: 'read', endpoint: 'incoming', format: { type: 'csv' } });
    p = putComponent(p, 'operations', 'b', { id: 'b', name: 'B', steps: [{ kind: 'read', activity: 'read-in' }], onSuccess: ['a'] });
    p = putComponent(p, 'schedules', 'nightly', { id: 'nightly', name: 'Nightly', operation: 'a', cron: '0 1 * * *' });

    expect(findUsages(p, { kind: 'endpoints', id: 'incoming' })).toEqual([{ kind: 'activities', id: 'read-in', name: 'Read in', path: '$.endpoint' }]);
    expect(findUsages(p, { kind: 'activities', id: 'read-in' })).toEqual([{ kind: 'operations', id: 'b', name: 'B', path: '$.steps[0].activity' }]);
    expect(findUsages(p, { kind: 'operations', id: 'a' }).map((u) => `${u.kind}/${u.id} ${u.path}`)).toEqual([
      'workflows/main $.operations[0]',
      'operations/b $.onSuccess[0]',
      'schedules/nightly $.operation',
    ]);
    expect(findUsages(p, { kind: 'scripts', id: 'hello' })).toEqual([{ kind: 'operations', id: 'a', name: 'A', path: '$.steps[0].script' }]);
    expect(findUsages(p, { kind: 'operations', id: 'nope' })).toEqual([]);
  });
});
