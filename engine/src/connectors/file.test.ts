import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileConnector } from './file.ts';
import { STALE_TEMP_MS, TEMP_PREFIX } from './folder-target.ts';
import { endpoint, files, listing, readActivity, readAll, sandbox, writeActivity, writeAndCommit, type Sandbox } from './test-support.ts';

const isRoot = process.getuid?.() === 0;
let box: Sandbox;
let inDir: string;
const inbox = endpoint('file', { folder: 'data/in' });

beforeEach(async () => {
  box = await sandbox();
  inDir = path.join(box.ctx.projectDir, 'data', 'in');
  await fs.mkdir(inDir, { recursive: true });
});
afterEach(() => box.cleanup());

const list = (options: Parameters<typeof readActivity>[0] = {}, ep = inbox) =>
  fileConnector.listSources(box.ctx, ep, readActivity(options));
const open = (options: Parameters<typeof writeActivity>[0] = {}, ep = inbox) =>
  fileConnector.openTarget(box.ctx, ep, writeActivity(options));

describe('testConnection', () => {
  it('accepts a readable folder', async () => {
    await expect(fileConnector.testConnection(box.ctx, inbox)).resolves.toBeUndefined();
  });

  it('names a missing folder', async () => {
    await expect(fileConnector.testConnection(box.ctx, endpoint('file', { folder: 'nope' }))).rejects.toMatchObject({
      code: 'ENDPOINT_UNREACHABLE',
      message: 'folder "nope" does not exist',
    });
  });

  it('refuses a file in place of the folder', async () => {
    await files(box.ctx.projectDir, { 'plain.txt': 'x' });
    await expect(fileConnector.testConnection(box.ctx, endpoint('file', { folder: 'plain.txt' }))).rejects.toMatchObject({
      code: 'ENDPOINT_UNREACHABLE',
      message: 'folder "plain.txt" is not a folder',
    });
  });

  it('reports invalid settings', async () => {
    await expect(fileConnector.testConnection(box.ctx, endpoint('file', {}))).rejects.toMatchObject({ code: 'PROJECT_INVALID' });
  });
});

describe('listSources', () => {
  it('lists matching files only, case-sensitively, sorted by name', async () => {
    await files(inDir, {
      'b.csv': 'b',
      'a.csv': 'a',
      'A.csv': 'A',
      'c.txt': 'c',
      'upper.CSV': 'u',
      '.hidden.csv': 'h',
      [`${TEMP_PREFIX}123`]: 't',
      'folder.csv/inner.csv': 'nested',
    });
    const sources = await list({ filter: '*.csv' });
    expect(sources.map((s) => s.name)).toEqual(['data/in/A.csv', 'data/in/a.csv', 'data/in/b.csv']);
    expect(await readAll(sources[1]!.open())).toBe('a');
  });

  it('matches basenames with globs such as orders-*.{csv,txt}', async () => {
    await files(inDir, { 'orders-1.csv': '', 'orders-2.txt': '', 'orders-3.xml': '', 'other.csv': '' });
    const sources = await list({ filter: 'orders-*.{csv,txt}' });
    expect(sources.map((s) => s.name)).toEqual(['data/in/orders-1.csv', 'data/in/orders-2.txt']);
  });

  it('reads files through a symbolic link', async () => {
    await files(box.root, { 'elsewhere.csv': 'linked' });
    await fs.symlink(path.join(box.root, 'elsewhere.csv'), path.join(inDir, 'link.csv'));
    await fs.symlink(path.join(box.root, 'missing.csv'), path.join(inDir, 'dangling.csv'));
    const sources = await list();
    expect(sources.map((s) => s.name)).toEqual(['data/in/link.csv']);
    expect(await readAll(sources[0]!.open())).toBe('linked');
  });

  it('fails or succeeds empty when nothing matches, as ifNone says', async () => {
    await files(inDir, { 'a.txt': '' });
    await expect(list({ filter: '*.csv' })).rejects.toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      message: 'no file matches "*.csv" in data/in',
      location: { file: 'data/in' },
    });
    await expect(list({ filter: '*.csv', ifNone: 'succeed' })).resolves.toEqual([]);
  });

  it('reports a missing folder whatever ifNone says', async () => {
    const missing = endpoint('file', { folder: 'data/nope' });
    for (const ifNone of ['fail', 'succeed'] as const) {
      await expect(list({ ifNone }, missing)).rejects.toMatchObject({
        code: 'SOURCE_NOT_FOUND',
        message: 'folder "data/nope" does not exist',
        location: { file: 'data/nope' },
      });
    }
  });

  it('names files outside the project by their absolute path', async () => {
    const outside = path.join(box.root, 'outside');
    await files(outside, { 'x.csv': 'x' });
    const sources = await list({}, endpoint('file', { folder: outside }));
    expect(sources.map((s) => s.name)).toEqual([path.join(outside, 'x.csv')]);
  });

  it.skipIf(isRoot || process.platform === 'win32')('reports an unreadable folder', async () => {
    await fs.chmod(inDir, 0o000);
    try {
      await expect(list()).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', location: { file: 'data/in' } });
    } finally {
      await fs.chmod(inDir, 0o755);
    }
  });
});

describe('afterRead', () => {
  it('keep leaves the file', async () => {
    await files(inDir, { 'a.csv': 'a' });
    const [source] = await list({ afterRead: { action: 'keep' } });
    await source!.afterRead();
    expect(await listing(inDir)).toEqual(['a.csv']);
  });

  it('delete removes the file, only when afterRead() is called', async () => {
    await files(inDir, { 'a.csv': 'a', 'b.csv': 'b' });
    const sources = await list({ afterRead: { action: 'delete' } });
    await readAll(sources[0]!.open());
    expect(await listing(inDir)).toEqual(['a.csv', 'b.csv']);
    await sources[0]!.afterRead();
    expect(await listing(inDir)).toEqual(['b.csv']);
    await expect(sources[0]!.afterRead()).resolves.toBeUndefined(); // already gone is fine
  });

  it('rename uses [file], [name] and [ext], only when afterRead() is called', async () => {
    await files(inDir, { 'a.csv': 'a', 'b.csv': 'b' });
    const sources = await list({ afterRead: { action: 'rename', to: '[name]-done.[ext]' } });
    expect(await listing(inDir)).toEqual(['a.csv', 'b.csv']);
    await sources[0]!.afterRead();
    expect(await listing(inDir)).toEqual(['a-done.csv', 'b.csv']);

    const [b] = await list({ filter: 'b.csv', afterRead: { action: 'rename', to: '[file].bak' } });
    await b!.afterRead();
    expect(await listing(inDir)).toEqual(['a-done.csv', 'b.csv.bak']);
  });

  it('rename adds a counter rather than replace an existing file', async () => {
    await files(inDir, { 'a.csv': 'new', 'a.csv.bak': 'old' });
    const [source] = await list({ filter: 'a.csv', afterRead: { action: 'rename', to: '[file].bak' } });
    await source!.afterRead();
    expect(await listing(inDir)).toEqual(['a.csv-1.bak', 'a.csv.bak']);
    expect(await fs.readFile(path.join(inDir, 'a.csv.bak'), 'utf-8')).toBe('old');
    expect(await fs.readFile(path.join(inDir, 'a.csv-1.bak'), 'utf-8')).toBe('new');
  });

  it('refuses a rename into another folder before reading anything', async () => {
    await files(inDir, { 'a.csv': 'a' });
    for (const to of ['../[file]', 'sub/[file]', 'sub\\[file]']) {
      await expect(list({ afterRead: { action: 'rename', to } })).rejects.toMatchObject({ code: 'OPERATION_INVALID' });
    }
    const [source] = await list({ afterRead: { action: 'rename', to: '[ext]' } });
    await files(inDir, { noext: '' });
    const [noext] = await list({ filter: 'noext', afterRead: { action: 'rename', to: '[ext]' } });
    await expect(noext!.afterRead()).rejects.toMatchObject({ code: 'OPERATION_INVALID' });
    await source!.afterRead();
    expect(await listing(inDir)).toEqual(['csv', 'noext']);
  });

  it('move creates the folder, relative to the endpoint folder, only when afterRead() is called', async () => {
    await files(inDir, { 'a.csv': 'a' });
    const [source] = await list({ afterRead: { action: 'move', folder: 'done/2024' } });
    expect(await listing(inDir)).toEqual(['a.csv']);
    await source!.afterRead();
    expect(await listing(inDir)).toEqual(['done']);
    expect(await fs.readFile(path.join(inDir, 'done', '2024', 'a.csv'), 'utf-8')).toBe('a');
  });

  it('move adds a counter when the name is taken there', async () => {
    await files(inDir, { 'a.csv': 'second', 'done/a.csv': 'first', 'done/a-1.csv': 'also' });
    const [source] = await list({ afterRead: { action: 'move', folder: 'done' } });
    await source!.afterRead();
    expect(await listing(path.join(inDir, 'done'))).toEqual(['a-1.csv', 'a-2.csv', 'a.csv']);
    expect(await fs.readFile(path.join(inDir, 'done', 'a.csv'), 'utf-8')).toBe('first');
    expect(await fs.readFile(path.join(inDir, 'done', 'a-2.csv'), 'utf-8')).toBe('second');
  });

  it('move accepts an absolute folder', async () => {
    const archive = path.join(box.root, 'archive');
    await files(inDir, { 'a.csv': 'a' });
    const [source] = await list({ afterRead: { action: 'move', folder: archive } });
    await source!.afterRead();
    expect(await listing(archive)).toEqual(['a.csv']);
    expect(await listing(inDir)).toEqual([]);
  });

  it('reports a source that vanished before rename', async () => {
    await files(inDir, { 'a.csv': 'a' });
    const [source] = await list({ afterRead: { action: 'rename', to: '[file].done' } });
    await fs.unlink(path.join(inDir, 'a.csv'));
    await expect(source!.afterRead()).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND', location: { file: 'data/in/a.csv' } });
  });
});

describe('openTarget', () => {
  const outFile = () => path.join(inDir, 'out.csv');
  const outText = () => fs.readFile(outFile(), 'utf-8');

  it('overwrite writes to a temp file and replaces the target only at commit', async () => {
    await files(inDir, { 'out.csv': 'old' });
    const target = await open({ fileName: 'out.csv' });
    expect(target.name).toBe('data/in/out.csv');
    expect(target.appending).toBe(false);
    target.stream.write('new ');
    expect(await outText()).toBe('old');
    expect((await listing(inDir)).filter((n) => n.startsWith(TEMP_PREFIX))).toHaveLength(1);
    expect((await list()).map((s) => s.name)).toEqual(['data/in/out.csv']); // the temp file is not a source
    await writeAndCommit(target, 'data');
    expect(await outText()).toBe('new data');
    expect(await listing(inDir)).toEqual(['out.csv']);
  });

  it('removes temp files that killed runs left a day ago, and no others', async () => {
    const stale = `${TEMP_PREFIX}killed-run`;
    const fresh = `${TEMP_PREFIX}running-now`;
    await files(inDir, { [stale]: 'partial', [fresh]: 'in progress', 'keep.csv': 'x' });
    const dayAndMore = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    await fs.utimes(path.join(inDir, stale), dayAndMore, dayAndMore);
    await writeAndCommit(await open({ fileName: 'out.csv' }), 'new');
    expect(await listing(inDir)).toEqual([fresh, 'keep.csv', 'out.csv'].sort());
  });

  it.skipIf(process.platform === 'win32')('overwrite keeps the permission bits of the replaced file', async () => {
    await files(inDir, { 'out.csv': 'old' });
    await fs.chmod(outFile(), 0o640);
    await writeAndCommit(await open({ fileName: 'out.csv' }), 'new');
    expect((await fs.stat(outFile())).mode & 0o777).toBe(0o640);
  });

  it('append adds to an existing non-empty file', async () => {
    await files(inDir, { 'out.csv': 'a,b\n1,2\n' });
    const target = await open({ fileName: 'out.csv', mode: 'append' });
    expect(target.appending).toBe(true);
    await writeAndCommit(target, '3,4\n');
    expect(await outText()).toBe('a,b\n1,2\n3,4\n');
    expect(await listing(inDir)).toEqual(['out.csv']);
  });

  it('append to a missing or empty file starts it, not appending', async () => {
    const fresh = await open({ fileName: 'out.csv', mode: 'append' });
    expect(fresh.appending).toBe(false);
    await writeAndCommit(fresh, 'first');
    expect(await outText()).toBe('first');

    await files(inDir, { 'empty.csv': '' });
    const empty = await open({ fileName: 'empty.csv', mode: 'append' });
    expect(empty.appending).toBe(false);
    await writeAndCommit(empty, 'e');
    expect(await fs.readFile(path.join(inDir, 'empty.csv'), 'utf-8')).toBe('e');
  });

  it('unique never overwrites: it picks name-1.ext, name-2.ext... at commit', async () => {
    await files(inDir, { 'out.csv': 'original' });
    const first = await open({ fileName: 'out.csv', mode: 'unique' });
    const second = await open({ fileName: 'out.csv', mode: 'unique' });
    await files(inDir, { 'out-1.csv': 'created meanwhile' });
    await writeAndCommit(first, 'one');
    await writeAndCommit(second, 'two');
    expect(first.name).toBe('data/in/out-2.csv');
    expect(second.name).toBe('data/in/out-3.csv');
    expect(await listing(inDir)).toEqual(['out-1.csv', 'out-2.csv', 'out-3.csv', 'out.csv']);
    expect(await outText()).toBe('original');
    expect(await fs.readFile(path.join(inDir, 'out-1.csv'), 'utf-8')).toBe('created meanwhile');
    expect(await fs.readFile(path.join(inDir, 'out-3.csv'), 'utf-8')).toBe('two');
  });

  it('unique uses the plain name when it is free', async () => {
    const target = await open({ fileName: 'report', mode: 'unique' });
    await writeAndCommit(target, 'r');
    expect(target.name).toBe('data/in/report');
  });

  it('refuses a missing target folder and creates nothing', async () => {
    const before = await listing(box.ctx.projectDir);
    await expect(open({}, endpoint('file', { folder: 'data/out' }))).rejects.toMatchObject({
      code: 'TARGET_FOLDER_MISSING',
      message: 'target folder "data/out" does not exist',
      location: { file: 'data/out' },
    });
    expect(await listing(box.ctx.projectDir)).toEqual(before);
    expect(await listing(path.join(box.ctx.projectDir, 'data'))).toEqual(['in']);
  });

  it('refuses file names that leave the folder', async () => {
    for (const fileName of ['../out.csv', 'sub/out.csv', 'sub\\out.csv', '..', '.']) {
      await expect(open({ fileName })).rejects.toMatchObject({ code: 'TARGET_WRITE_FAILED' });
    }
    expect(await listing(inDir)).toEqual([]);
  });

  it('refuses a folder in place of the target file', async () => {
    await fs.mkdir(path.join(inDir, 'out.csv'));
    await expect(open({ fileName: 'out.csv' })).rejects.toMatchObject({
      code: 'TARGET_WRITE_FAILED',
      location: { file: 'data/in/out.csv' },
    });
  });

  for (const mode of ['overwrite', 'append', 'unique'] as const) {
    it(`abort (${mode}) leaves the existing target byte-identical and no temp file`, async () => {
      const original = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x00, 0xff]);
      await fs.writeFile(outFile(), original);
      const target = await open({ fileName: 'out.csv', mode });
      target.stream.write('half-written');
      target.stream.destroy(); // as the runtime does before abort
      await target.abort();
      await target.abort();
      expect(await fs.readFile(outFile())).toEqual(original);
      expect(await listing(inDir)).toEqual(['out.csv']);
    });
  }

  it('commit ends a stream the writer left open; abort after commit changes nothing', async () => {
    const target = await open({ fileName: 'out.csv' });
    target.stream.write('x');
    await target.commit();
    await target.abort();
    expect(await outText()).toBe('x');
    await expect(target.commit()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a failed stream makes commit fail and leaves the target as it was', async () => {
    await files(inDir, { 'out.csv': 'old' });
    const target = await open({ fileName: 'out.csv' });
    target.stream.on('error', () => undefined);
    target.stream.destroy(new Error('disk on fire'));
    await expect(target.commit()).rejects.toMatchObject({ code: 'TARGET_WRITE_FAILED', location: { file: 'data/in/out.csv' } });
    expect(await outText()).toBe('old');
    expect(await listing(inDir)).toEqual(['out.csv']);
  });

  it('writes many chunks in order', async () => {
    const target = await open({ fileName: 'out.csv' });
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\n`);
    for (const line of lines) target.stream.write(line);
    await writeAndCommit(target, 'end');
    expect(await outText()).toBe(`${lines.join('')}end`);
  });
});
