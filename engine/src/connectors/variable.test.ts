import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { variableConnector } from './variable.ts';
import { endpoint, readActivity, readAll, sandbox, writeActivity, writeAndCommit, type Sandbox } from './test-support.ts';

let box: Sandbox;
const doc = endpoint('variable', { variable: 'orderDoc' });

beforeEach(async () => {
  box = await sandbox();
});
afterEach(() => box.cleanup());

const list = (options: Parameters<typeof readActivity>[0] = {}) => variableConnector.listSources(box.ctx, doc, readActivity(options));
const open = (options: Parameters<typeof writeActivity>[0] = {}) => variableConnector.openTarget(box.ctx, doc, writeActivity(options));

describe('variable connector', () => {
  it('round-trips a document through a global variable', async () => {
    const target = await open();
    expect(target.name).toBe('$orderDoc');
    target.stream.write('id,name\n');
    expect(box.ctx.globals.has('orderDoc')).toBe(false);
    await writeAndCommit(target, '1,Zoë\n');
    expect(box.ctx.globals.get('orderDoc')).toBe('id,name\n1,Zoë\n');

    const [source] = await list();
    expect(source!.name).toBe('$orderDoc');
    expect(await readAll(source!.open())).toBe('id,name\n1,Zoë\n');
    expect(await readAll(source!.open())).toBe('id,name\n1,Zoë\n');
  });

  it('round-trips text in the format encoding', async () => {
    const latin1 = { type: 'csv' as const, header: true, delimiter: ',', quote: '"', escape: '"', encoding: 'latin1', lineEnding: '\n' as const };
    const target = await open({ format: latin1 });
    target.stream.end(Buffer.from('café', 'latin1')); // what a latin1 record writer emits
    await target.commit();
    expect(box.ctx.globals.get('orderDoc')).toBe('café');
    const [source] = await list({ format: latin1 });
    const bytes = Buffer.concat(await source!.open().toArray());
    expect(bytes).toEqual(Buffer.from('café', 'latin1'));
  });

  it('fails or succeeds empty when the variable is not set', async () => {
    await expect(list()).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND', message: 'global variable $orderDoc is not set' });
    await expect(list({ ifNone: 'succeed' })).resolves.toEqual([]);
  });

  it('streams Buffers as they are and other values as JSON', async () => {
    box.ctx.globals.set('orderDoc', Buffer.from([1, 2, 3]));
    expect(Buffer.concat(await (await list())[0]!.open().toArray())).toEqual(Buffer.from([1, 2, 3]));
    box.ctx.globals.set('orderDoc', { id: 1, tags: ['a'] });
    expect(await readAll((await list())[0]!.open())).toBe('{"id":1,"tags":["a"]}');
    box.ctx.globals.set('orderDoc', '');
    expect(await readAll((await list())[0]!.open())).toBe('');
  });

  it('delete clears the variable only when afterRead() is called; rename and move are refused', async () => {
    box.ctx.globals.set('orderDoc', 'x');
    const [source] = await list({ afterRead: { action: 'delete' } });
    await readAll(source!.open());
    expect(box.ctx.globals.has('orderDoc')).toBe(true);
    await source!.afterRead();
    expect(box.ctx.globals.has('orderDoc')).toBe(false);

    box.ctx.globals.set('orderDoc', 'x');
    await expect(list({ afterRead: { action: 'rename', to: '[file].done' } })).rejects.toMatchObject({ code: 'OPERATION_INVALID' });
    await expect(list({ afterRead: { action: 'move', folder: 'done' } })).rejects.toMatchObject({ code: 'OPERATION_INVALID' });
  });

  it('append concatenates to an existing value', async () => {
    const first = await open({ mode: 'append' });
    expect(first.appending).toBe(false);
    await writeAndCommit(first, 'a,b\n');
    const second = await open({ mode: 'append' });
    expect(second.appending).toBe(true);
    await writeAndCommit(second, '1,2\n');
    expect(box.ctx.globals.get('orderDoc')).toBe('a,b\n1,2\n');
  });

  it('overwrite replaces; unique refuses a variable already set', async () => {
    box.ctx.globals.set('orderDoc', 'old');
    await writeAndCommit(await open(), 'new');
    expect(box.ctx.globals.get('orderDoc')).toBe('new');
    await expect(open({ mode: 'unique' })).rejects.toMatchObject({ code: 'TARGET_EXISTS' });

    box.ctx.globals.delete('orderDoc');
    const unique = await open({ mode: 'unique' });
    box.ctx.globals.set('orderDoc', 'set meanwhile');
    await expect(writeAndCommit(unique, 'late')).rejects.toMatchObject({ code: 'TARGET_EXISTS' });
    expect(box.ctx.globals.get('orderDoc')).toBe('set meanwhile');
  });

  it('abort drops the bytes and keeps the old value', async () => {
    box.ctx.globals.set('orderDoc', 'old');
    const target = await open();
    target.stream.write('half');
    await target.abort();
    expect(box.ctx.globals.get('orderDoc')).toBe('old');
    await expect(target.commit()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses an unknown encoding and an invalid variable name', async () => {
    const odd = { type: 'json' as const, mode: 'document' as const, records: '', indent: 2, encoding: 'klingon' };
    await expect(open({ format: odd })).rejects.toMatchObject({ code: 'DATA_ENCODING_UNKNOWN' });
    await expect(variableConnector.testConnection(box.ctx, endpoint('variable', { variable: '$bad' }))).rejects.toMatchObject({
      code: 'PROJECT_INVALID',
    });
  });
});
