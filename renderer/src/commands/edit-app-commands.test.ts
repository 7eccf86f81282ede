import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../store/studio-store.ts';
import { fakeHost } from '../store/test-support.ts';
import { appCommands } from './app-commands.ts';
import { subjectComponent } from './edit-app-commands.ts';

async function opened() {
  const store = createStudioStore(fakeHost().client, { autosaveMs: 60_000 });
  await store.getState().openProject('/p');
  const command = (id: string) => appCommands.find((c) => c.id === id)!;
  return { store, command };
}

describe('edit commands', () => {
  it('copies the selected operations, pastes them as one undoable edit, and deletes the selection', async () => {
    const { store, command } = await opened();
    const s = () => store.getState();
    expect(command('copyOperations').enabled(store)).toBe(false);
    expect(command('copyOperations').passThrough).toBe(true);
    s().selectOperations(['a', 'b']);
    await command('copyOperations').run(store);
    expect(s().clipboard?.operations.map((o) => o.id)).toEqual(['a', 'b']);
    expect(s().history.past).toEqual([]);

    await command('pasteOperations').run(store);
    expect(s().project?.workflows[0].operations).toEqual(['a', 'b', 'a-copy', 'b-copy']);
    expect(s().history.past.map((e) => e.label)).toEqual(['Paste Operations']);
    expect(s().selectedOperations).toEqual(['a-copy', 'b-copy']);
    await command('deleteSelectedOperations').run(store);
    expect(s().project?.operations.map((o) => o.id)).toEqual(['a', 'b']);
    expect(s().selectedOperations).toEqual([]);
    expect(command('deleteSelectedOperations').enabled(store)).toBe(false);
    s().undo();
    s().undo();
    expect(s().project?.operations.map((o) => o.id)).toEqual(['a', 'b']);
  });

  it('acts on the operation selected on the canvas, else on the active tab', async () => {
    const { store, command } = await opened();
    const s = () => store.getState();
    expect(subjectComponent(store)).toEqual({ kind: 'workflows', id: 'main' });
    s().selectOperation('b');
    expect(subjectComponent(store)).toEqual({ kind: 'operations', id: 'b' });
    s().openTab({ kind: 'scripts', id: 'hello' });
    expect(subjectComponent(store)).toEqual({ kind: 'scripts', id: 'hello' });

    await command('duplicateComponent').run(store);
    expect(s().activeTab).toEqual({ kind: 'scripts', id: 'hello-copy' });
    await command('deleteComponent').run(store);
    expect(s().pendingDelete).toEqual({ kind: 'scripts', id: 'hello-copy' });
    await command('findUsages').run(store);
    expect(s()).toMatchObject({ usagesOf: { kind: 'scripts', id: 'hello-copy' }, bottomTab: 'usages' });
    await command('renameComponent').run(store);
    expect(s().renaming).toEqual({ kind: 'scripts', id: 'hello-copy' });
  });
});
