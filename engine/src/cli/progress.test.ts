import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.ts';

function io(interactive: boolean) {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c) => (text += String(c)));
  return { io: { stdout: new PassThrough(), stderr, stdin: Readable.from([]), interactive, cwd: '/' }, text: () => text };
}

describe('progressReporter', () => {
  it('shows the step and record count on one terminal line, then clears it', () => {
    const t = io(true);
    const p = progressReporter(t.io);
    p.onEvent({ type: 'run-started', runId: 'r', operation: 'op', operationName: 'Convert' });
    p.onEvent({ type: 'step-progress', runId: 'r', step: 'Write JSON', kind: 'write', records: 12345 });
    p.done();
    const clear = '\r\u001b[2K';
    expect(t.text().startsWith(`${clear}Convert: write "Write JSON" 12,345 records  `)).toBe(true);
    expect(t.text()).toMatch(/records {2}\d+\.\ds/);
    expect(t.text().endsWith(clear)).toBe(true);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const t = io(false);
    const p = progressReporter(t.io);
    p.onEvent({ type: 'step-progress', runId: 'r', step: 'S', kind: 'read', records: 1 });
    p.done();
    expect(t.text()).toBe('');
  });
});
