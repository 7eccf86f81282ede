import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempConnector } from './temp.ts';
import { endpoint, listing, readActivity, readAll, sandbox, writeActivity, writeAndCommit, type Sandbox } from './test-support.ts';

let box: Sandbox;
const staging = endpoint('temp', {}, 'staging');

beforeEach(async () => {
  box = await sandbox();
});
afterEach(() => box.cleanup());

describe('temp connector', () => {
  it('creates its folder on first write and reads back what was written', async () => {
    await expect(tempConnector.testConnection(box.ctx, staging)).resolves.toBeUndefined();
    const target = await tempConnector.openTarget(box.ctx, staging, writeActivity({ fileName: 'orders.csv' }));
    await writeAndCommit(target, 'a,b\n');
    expect(await listing(path.join(box.ctx.chainTempDir, 'staging'))).toEqual(['orders.csv']);

    const [source] = await tempConnector.listSources(box.ctx, staging, readActivity({ filter: '*.csv', afterRead: { action: 'delete' } }));
    expect(source!.name).toBe(path.join(box.ctx.chainTempDir, 'staging', 'orders.csv'));
    expect(await readAll(source!.open())).toBe('a,b\n');
    await source!.afterRead();
    expect(await listing(path.join(box.ctx.chainTempDir, 'staging'))).toEqual([]);
  });

  it('reading before anything was written finds no file', async () => {
    await expect(tempConnector.listSources(box.ctx, staging, readActivity({ ifNone: 'succeed' }))).resolves.toEqual([]);
    await expect(tempConnector.listSources(box.ctx, staging, readActivity())).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });

  it('is private to a chain and to an endpoint', async () => {
    const other = { ...box.ctx, chainTempDir: path.join(box.root, 'other-chain') };
    await writeAndCommit(await tempConnector.openTarget(box.ctx, staging, writeActivity({ fileName: 'a.csv' })), 'mine');
    await expect(tempConnector.listSources(other, staging, readActivity({ ifNone: 'succeed' }))).resolves.toEqual([]);
    const otherEndpoint = endpoint('temp', {}, 'other');
    await expect(tempConnector.listSources(box.ctx, otherEndpoint, readActivity({ ifNone: 'succeed' }))).resolves.toEqual([]);

    await writeAndCommit(await tempConnector.openTarget(other, staging, writeActivity({ fileName: 'a.csv' })), 'theirs');
    const [mine] = await tempConnector.listSources(box.ctx, staging, readActivity());
    const [theirs] = await tempConnector.listSources(other, staging, readActivity());
    expect(await readAll(mine!.open())).toBe('mine');
    expect(await readAll(theirs!.open())).toBe('theirs');
  });

  it('shares the file connector write modes', async () => {
    const write = (text: string) =>
      tempConnector.openTarget(box.ctx, staging, writeActivity({ fileName: 'log.txt', mode: 'append' })).then((t) => writeAndCommit(t, text));
    await write('one ');
    await write('two');
    expect(await fs.readFile(path.join(box.ctx.chainTempDir, 'staging', 'log.txt'), 'utf-8')).toBe('one two');
  });
});
