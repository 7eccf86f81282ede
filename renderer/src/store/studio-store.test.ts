import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectOperations, editScript, moveOperations, renameComponent } from './document-commands.ts';
import { putComponent } from './components.ts';
import { createStudioStore } from './studio-store.ts';
import { fakeHost, sampleProject } from './test-support.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function opened() {
  const host = fakeHost();
  const store = createStudioStore(host.client, { autosaveMs: 500 });
  expect(await store.getState().openProject('/p')).toBe(true);
  return { host, store };
}

describe('studio store', () => {
  it('opens a project with its first workflow in a tab', async () => {
    const { store } = await opened();
    expect(store.getState().project?.manifest.name).toBe('Sample');
    expect(store.getState().activeTab).toEqual({ kind: 'workflows', id: 'main' });
  });

  it('undoes and redoes document edits with their labels; a new edit clears redo', async () => {
    const { store } = await opened();
    const s = () => store.getState();
    s().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'First' });
    s().dispatch(moveOperations, { workflow: 'main', positions: { a: { x: 40, y: 50 } } });
    expect(s().history.past.map((e) => e.label)).toEqual(['Rename Operation', 'Move Operation']);
    s().undo();
    expect(s().project?.workflows[0].layout?.a).toEqual({ x: 0, y: 0 });
    s().undo();
    expect(s().project?.operations[0].name).toBe('A');
    s().redo();
    expect(s().project?.operations[0].name).toBe('First');
    s().dispatch(connectOperations, { from: 'a', to: 'b', on: 'success' });
    expect(s().history.future).toEqual([]);
  });

  it('keeps the selection and tabs out of the history', async () => {
    const { store } = await opened();
    store.getState().selectOperation('a');
    store.getState().openTab({ kind: 'scripts', id: 'hello' });
    expect(store.getState().history.past).toEqual([]);
  });

  it('merges quick typing in one script into one undo step', async () => {
    const { store } = await opened();
    const s = () => store.getState();
    s().dispatch(editScript, { id: 'hello', source: '<trans>12</trans>' });
    vi.advanceTimersByTime(200);
    s().dispatch(editScript, { id: 'hello', source: '<trans>123</trans>' });
    expect(s().history.past).toHaveLength(1);
    s().undo();
    expect(s().project?.scripts[0].source).toBe('<trans>1</trans>');
  });

  it('autosaves the changed components once the edits pause', async () => {
    const { host, store } = await opened();
    const s = () => store.getState();
    s().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'First' });
    vi.advanceTimersByTime(300);
    s().dispatch(renameComponent, { kind: 'operations', id: 'b', name: 'Second' });
    expect(s().saveState).toBe('pending');
    await vi.advanceTimersByTimeAsync(500);
    expect(host.saves).toHaveLength(1);
    expect(host.saves[0].changes.map((c) => (c.op === 'write' ? (c.doc as { name: string }).name : c.id))).toEqual(['First', 'Second']);
    expect(s().saveState).toBe('saved');
    expect(host.disk.operations.map((o) => o.name).sort()).toEqual(['First', 'Second']);
  });

  it('saves an undo too, since it changes the document', async () => {
    const { host, store } = await opened();
    store.getState().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'First' });
    await store.getState().flushSave();
    store.getState().undo();
    await store.getState().flushSave();
    expect(host.disk.operations.find((o) => o.id === 'a')?.name).toBe('A');
  });

  it('reloads a change made on disk, and ignores its own save coming back', async () => {
    const { host, store } = await opened();
    store.getState().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'Mine' });
    await store.getState().flushSave();
    host.disk = putComponent(host.disk, 'endpoints', 'incoming', { ...host.disk.endpoints[0], name: 'Edited in git' });
    host.emit({ type: 'projects.changed', folder: '/p', files: ['endpoints/incoming.json', 'operations/a.json'] });
    await vi.waitFor(() => expect(store.getState().project?.endpoints[0].name).toBe('Edited in git'));
    expect(store.getState().project?.operations[0].name).toBe('Mine');
    expect(store.getState().conflicts).toEqual([]);
  });

  it('keeps both versions of a component edited here and on disk, and saves the one chosen', async () => {
    const { host, store } = await opened();
    const s = () => store.getState();
    s().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'Mine' });
    host.disk = putComponent(host.disk, 'operations', 'a', { ...sampleProject().operations[0], name: 'Theirs' });
    host.emit({ type: 'projects.changed', folder: '/p', files: ['operations/a.json'] });
    await vi.waitFor(() => expect(s().conflicts).toHaveLength(1));
    await s().flushSave();
    expect(host.disk.operations.find((o) => o.id === 'a')?.name).toBe('Theirs'); // held until resolved
    s().resolveConflict(s().conflicts[0], 'mine');
    await s().flushSave();
    expect(host.disk.operations.find((o) => o.id === 'a')?.name).toBe('Mine');
  });

  it('takes the disk version of a conflict as an undoable edit', async () => {
    const { host, store } = await opened();
    const s = () => store.getState();
    s().dispatch(renameComponent, { kind: 'operations', id: 'a', name: 'Mine' });
    host.disk = putComponent(host.disk, 'operations', 'a', { ...sampleProject().operations[0], name: 'Theirs' });
    await s().reloadFromDisk();
    s().resolveConflict(s().conflicts[0], 'theirs');
    expect(s().project?.operations[0].name).toBe('Theirs');
    expect(s().history.past.at(-1)?.label).toBe('Take Version on Disk');
  });

  it('reloads after the event channel comes back', async () => {
    const { host, store } = await opened();
    host.disk = putComponent(host.disk, 'operations', 'b', undefined);
    host.connection('closed');
    host.connection('open');
    await vi.waitFor(() => expect(store.getState().project?.operations.map((o) => o.id)).toEqual(['a']));
  });

  it('follows a run through events that may arrive before the run id', async () => {
    const { host, store } = await opened();
    const s = () => store.getState();
    const run = s().startRun('a');
    host.emit({ type: 'runs.started', runId: 'run-1', folder: '/p', operation: 'a', operationName: 'A' });
    await run;
    expect(host.runStarts).toEqual(['a']);
    host.emit({ type: 'runs.progress', runId: 'run-1', operationName: 'A', step: 'Hello', kind: 'script', records: 3 });
    host.emit({ type: 'runs.progress', runId: 'other', operationName: 'A', step: 'Hello', kind: 'script', records: 99 });
    expect(s().run).toMatchObject({ status: 'running', steps: [{ name: 'Hello', records: 3 }] });
    host.emit({ type: 'runs.stepFinished', runId: 'run-1', operationName: 'A', step: { name: 'Hello', kind: 'script', recordsIn: 3, recordsOut: 1, ms: 4 } });
    const summary = { id: 'run-1', operation: 'a', operationName: 'A', status: 'succeeded', startedAt: '', endedAt: '', records: 1, errors: 0, chainSucceeded: true } as const;
    host.emit({ type: 'runs.finished', runId: 'run-1', folder: '/p', summary });
    expect(s().run).toMatchObject({ status: 'succeeded', steps: [{ finished: { recordsIn: 3, recordsOut: 1, ms: 4 } }] });
    await vi.waitFor(() => expect(s().run?.log?.preview).toEqual({ Hello: [{ n: 1 }] }));
  });
});

describe('run history', () => {
  const summary = (id: string, records: number) =>
    ({ id, operation: 'a', operationName: 'A', status: 'succeeded', startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:00:01.500Z', records, errors: 0, chainSucceeded: true }) as const;

  it('loads the history when a run finishes and opens an earlier run in the run panel', async () => {
    const { host, store } = await opened();
    const s = () => store.getState();
    const run = s().startRun('a');
    await run;
    host.history = [summary('run-1', 1), summary('run-0', 7)];
    host.emit({ type: 'runs.finished', runId: 'run-1', folder: '/p', summary: summary('run-1', 1) });
    await vi.waitFor(() => expect(s().runHistory.map((r) => r.id)).toEqual(['run-1', 'run-0']));

    s().setBottomTab('history');
    await s().openRun('run-0');
    expect(s().bottomTab).toBe('run');
    expect(s().run).toMatchObject({ runId: 'run-0', status: 'succeeded', summary: { records: 7 }, steps: [{ name: 'Hello', finished: { recordsOut: 1, ms: 4 } }] });
    expect(s().run!.endedAt! - s().run!.startedAt).toBe(1500);
  });

  it('keeps a multi-selection out of the history, with the clicked operation first', async () => {
    const { store } = await opened();
    const s = () => store.getState();
    s().selectOperation('b');
    s().selectOperations(['a', 'b']);
    expect(s()).toMatchObject({ selectedOperation: 'b', selectedOperations: ['a', 'b'] });
    s().selectOperations([]);
    expect(s().selectedOperation).toBeUndefined();
    expect(s().history.past).toEqual([]);
  });
});
