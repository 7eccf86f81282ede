import { describe, expect, it } from 'vitest';
import { addOperation, connectOperations, deleteOperations, disconnectOperations, editScript, moveOperations, renameComponent, uniqueId } from './document-commands.ts';
import { sampleProject } from './test-support.ts';

describe('document commands', () => {
  it('moves operations on the canvas, rounding positions, without touching other components', () => {
    const before = sampleProject();
    const after = moveOperations.run(before, { workflow: 'main', positions: { a: { x: 10.4, y: 20.6 } } });
    expect(after.workflows[0].layout).toEqual({ a: { x: 10, y: 21 }, b: { x: 300, y: 0 } });
    expect(after.operations).toBe(before.operations);
    expect(moveOperations.label({ workflow: 'main', positions: { a: { x: 0, y: 0 } } })).toBe('Move Operation');
  });

  it('connects operations once, never to themselves, and disconnects them', () => {
    const p = sampleProject();
    const linked = connectOperations.run(p, { from: 'a', to: 'b', on: 'failure' });
    expect(linked.operations[0].onFailure).toEqual(['b']);
    expect(connectOperations.run(linked, { from: 'a', to: 'b', on: 'failure' })).toBe(linked);
    expect(connectOperations.run(p, { from: 'a', to: 'a', on: 'success' })).toBe(p);
    expect(disconnectOperations.run(linked, { from: 'a', to: 'b', on: 'failure' }).operations[0].onFailure).toEqual([]);
  });

  it('refuses edits of components that do not exist', () => {
    expect(() => renameComponent.run(sampleProject(), { kind: 'operations', id: 'zzz', name: 'X' })).toThrow(/no operation "zzz"/);
  });

  it('adds an operation with a unique id and name, placed on the workflow', () => {
    const p = addOperation.run(sampleProject(), { workflow: 'main', name: 'A', position: { x: 5, y: 6 } });
    const added = p.operations.find((o) => o.id === 'a-2');
    expect(added).toMatchObject({ name: 'A 2', steps: [] });
    expect(p.workflows[0].operations).toEqual(['a', 'b', 'a-2']);
    expect(p.workflows[0].layout?.['a-2']).toEqual({ x: 5, y: 6 });
    expect(p.operations.map((o) => o.id)).toEqual(['a', 'a-2', 'b']);
  });

  it('deletes operations with their positions and the chain actions naming them', () => {
    const linked = connectOperations.run(sampleProject(), { from: 'a', to: 'b', on: 'success' });
    const p = deleteOperations.run(linked, { ids: ['b'] });
    expect(p.operations.map((o) => o.id)).toEqual(['a']);
    expect(p.operations[0].onSuccess).toEqual([]);
    expect(p.workflows[0]).toMatchObject({ operations: ['a'], layout: { a: { x: 0, y: 0 } } });
  });

  it('edits script text, merging keystrokes by script', () => {
    const p = editScript.run(sampleProject(), { id: 'hello', source: '<trans>2</trans>' });
    expect(p.scripts[0].source).toBe('<trans>2</trans>');
    expect(editScript.mergeKey?.({ id: 'hello', source: '' })).toBe('script:hello');
  });

  it('derives ids from names', () => {
    expect(uniqueId(sampleProject(), 'operations', 'Send the Report!')).toBe('send-the-report');
    expect(uniqueId(sampleProject(), 'operations', '***')).toBe('operation');
  });
});
