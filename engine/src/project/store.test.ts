import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChorusError } from '../core/errors.ts';
import { canonicalJson } from '../core/json.ts';
import type { ScriptDoc } from '../core/model/script.ts';
import { copyTemplate, createProject, loadProject, readProjectFiles, saveProject } from './store.ts';
import { fixturesDir, snapshot, tempFolders } from './test-helpers.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

async function loadFixture(name = 'valid-v1') {
  const dir = await temp.fixture(name);
  const loaded = await loadProject(dir);
  return { dir, loaded, project: loaded.project! };
}

describe('readProjectFiles', () => {
  it('reads the manifest and the files directly inside component folders, nothing else', async () => {
    const dir = await temp.fixture('valid-v1');
    await mkdir(join(dir, '.chorus/runs'), { recursive: true });
    await writeFile(join(dir, '.chorus/runs/1.json'), '{}');
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data/orders.json'), '[]');
    await mkdir(join(dir, 'endpoints/old'));
    await writeFile(join(dir, 'endpoints/old/x.json'), '{}');
    await writeFile(join(dir, 'scripts/notes.txt'), 'read, then ignored by the parser');
    await symlink(join(dir, 'data/orders.json'), join(dir, 'schemas/linked.json'));
    await writeFile(join(dir, 'scripts/latin1.txt'), Buffer.from('café', 'latin1'));

    const { files, undecodable } = await readProjectFiles(dir);
    expect(undecodable).toEqual(['scripts/latin1.txt']);
    expect([...files.keys()]).toEqual([
      'activities/read-orders.json',
      'activities/write-orders.json',
      'chorus.json',
      'endpoints/inbox.json',
      'endpoints/outbox.json',
      'operations/import-orders.json',
      'operations/notify-done.json',
      'operations/report-failure.json',
      'schedules/nightly.json',
      'schemas/order-in.json',
      'schemas/order-out.json',
      'scripts/notes.txt',
      'scripts/notify.chs',
      'scripts/notify.json',
      'scripts/report-failure.chs',
      'scripts/report-failure.json',
      'tests/import-orders-succeeds.json',
      'transformations/shop-to-warehouse.json',
      'variables/api-token.json',
      'variables/inbox-folder.json',
      'workflows/orders.json',
    ]);
    expect(files.get('scripts/notify.chs')).toBe(await readFile(join(dir, 'scripts/notify.chs'), 'utf8'));
  });

  it('refuses too many files and too large files', async () => {
    const dir = await temp.fixture('valid-v1');
    await expect(readProjectFiles(dir, { maxFiles: 5, maxFileBytes: 1e6 })).rejects.toMatchObject({ code: 'PROJECT_INVALID', location: { file: dir } });
    await expect(readProjectFiles(dir, { maxFiles: 100, maxFileBytes: 200 })).rejects.toMatchObject({
      code: 'PROJECT_INVALID',
      message: expect.stringMatching(/larger than/),
      location: { file: expect.stringMatching(/\.json$/) },
    });
  });

  it('says when the path is a file, not a folder', async () => {
    const file = join(await temp.make(), 'file');
    await writeFile(file, '');
    await expect(readProjectFiles(file)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', location: { file } });
  });

  // chmod does not stop root, so as root the read runs in a child process as nobody, who
  // must be able to reach this checkout (not the case under a private 0700 folder).
  const asRoot = process.getuid?.() === 0;
  it.skipIf(process.platform === 'win32' || (asRoot && !othersCanReach(fileURLToPath(new URL('.', import.meta.url)))))('says when the folder cannot be read', async () => {
    const parent = await temp.make();
    await chmod(parent, 0o755);
    const dir = join(parent, 'locked');
    await mkdir(dir);
    await chmod(dir, 0o000);
    const outcome = asRoot ? await readAsNobody(dir) : await readProjectFiles(dir).then(() => 'read', describeError);
    expect(outcome).toMatch(/^PROJECT_NOT_FOUND: .*locked cannot be read: permission denied$/);
  });
});

/** Whether every folder from `path` up to the root lets other users through (o+x). */
function othersCanReach(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

const describeError = (err: ChorusError) => `${err.code}: ${err.message}`;

async function readAsNobody(dir: string): Promise<string> {
  const script = `import { readProjectFiles } from ${JSON.stringify(new URL('./read-files.ts', import.meta.url).href)};
    await readProjectFiles(${JSON.stringify(dir)}).then(() => console.log('read'), (e) => console.log(e.code + ': ' + e.message));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { uid: 65534, gid: 65534 });
  return stdout.trim();
}

describe('loadProject', () => {
  it('reports a folder without chorus.json as not a project', async () => {
    const loaded = await loadProject(await temp.make());
    expect(loaded.project).toBeUndefined();
    expect(loaded.problems).toMatchObject([{ code: 'PROJECT_NOT_FOUND', file: 'chorus.json' }]);
  });
});

describe('saveProject', () => {
  it('rewrites only the files that changed and creates missing component folders', async () => {
    const { dir, loaded, project } = await loadFixture();
    await rm(join(dir, 'schedules'), { recursive: true });
    project.endpoints[1] = { ...project.endpoints[1], description: 'Where the warehouse picks up orders.' };
    project.schedules = [{ id: 'hourly', name: 'Hourly', operation: 'import-orders', cron: '0 * * * *' }];
    const result = await saveProject(dir, project, loaded);
    expect(result.written).toEqual(['endpoints/outbox.json', 'schedules/hourly.json']);
    expect(result.deleted).toEqual([]); // it went with its folder
    expect(await readFile(join(dir, 'schedules/hourly.json'), 'utf8')).toBe(canonicalJson(project.schedules[0]));
    expect((await loadProject(dir)).project).toEqual(project);
  });

  it('deletes the files of removed components and of a script whose language changed', async () => {
    const { dir, loaded, project } = await loadFixture();
    project.schedules = [];
    const notify = project.scripts.find((s) => s.id === 'notify') as ScriptDoc;
    notify.language = 'javascript';
    notify.source = 'log("orders written");\n';
    const result = await saveProject(dir, project, loaded);
    expect(result.written).toEqual(['scripts/notify.js', 'scripts/notify.json']);
    expect(result.deleted).toEqual(['schedules/nightly.json', 'scripts/notify.chs']);
    expect(await readdir(join(dir, 'scripts'))).toEqual(['notify.js', 'notify.json', 'report-failure.chs', 'report-failure.json']);
    expect(result.loadedFiles).toEqual((await loadProject(dir)).loadedFiles);
  });

  it('returns the files to pass to the next save', async () => {
    const { dir, loaded, project } = await loadFixture();
    project.tests.push({ id: 'second', name: 'Second', operation: 'import-orders' });
    const first = await saveProject(dir, project, loaded);
    project.tests.pop();
    const second = await saveProject(dir, project, first);
    expect(second.deleted).toEqual(['tests/second.json']);
  });

  it('never touches a component file that failed to load, nor any other file', async () => {
    const dir = await temp.fixture('valid-v1');
    const broken = '{ "id": "broken", "name": "Broken", "kind": "file", ';
    await writeFile(join(dir, 'endpoints/broken.json'), broken);
    await writeFile(join(dir, 'scripts/orphan.chs'), 'no JSON beside me');
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data/sample.json'), '[]');
    const loaded = await loadProject(dir);
    const project = loaded.project!;
    project.workflows = [];
    const result = await saveProject(dir, project, loaded);
    expect(result.deleted).toEqual(['workflows/orders.json']);
    expect(await readFile(join(dir, 'endpoints/broken.json'), 'utf8')).toBe(broken);
    expect(await readFile(join(dir, 'scripts/orphan.chs'), 'utf8')).toBe('no JSON beside me');
    expect(await readFile(join(dir, 'data/sample.json'), 'utf8')).toBe('[]');

    // A new component that would take the broken file's place is refused rather than overwrite it.
    project.endpoints.push({ id: 'broken', name: 'Fresh', kind: 'temp' });
    const before = await snapshot(dir);
    await expect(saveProject(dir, project, result)).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED', location: { file: 'endpoints/broken.json' } });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('reports files that are not UTF-8 and never rewrites them, so their bytes survive', async () => {
    const dir = await temp.fixture('valid-v1');
    const script = Buffer.from('<trans>\nWriteToOperationLog("commande passée");\n</trans>\n', 'latin1');
    const endpoint = Buffer.from(
      canonicalJson({ description: 'Où la boutique dépose ses commandes.', id: 'inbox', kind: 'file', name: 'Inbox', settings: { folder: 'in' } }),
      'latin1',
    );
    await writeFile(join(dir, 'scripts/notify.chs'), script);
    await writeFile(join(dir, 'endpoints/inbox.json'), endpoint);

    const loaded = await loadProject(dir);
    const notUtf8 = { severity: 'error', code: 'PROJECT_INVALID', path: '$', message: 'not UTF-8 text: save it as UTF-8' };
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([
      { ...notUtf8, file: 'endpoints/inbox.json' },
      { ...notUtf8, file: 'scripts/notify.chs' },
    ]);
    const project = loaded.project!;
    expect(project.endpoints.map((e) => e.id)).toEqual(['outbox']);
    expect(project.scripts.map((s) => s.id)).toEqual(['report-failure']);
    for (const file of ['endpoints/inbox.json', 'scripts/notify.chs', 'scripts/notify.json']) expect(loaded.loadedFiles.has(file), file).toBe(false);

    // An unrelated change saves without touching them.
    project.endpoints[0] = { ...project.endpoints[0], description: 'Changed.' };
    const result = await saveProject(dir, project, loaded);
    expect(result.written).toEqual(['endpoints/outbox.json']);
    expect(result.deleted).toEqual([]);
    expect(await readFile(join(dir, 'scripts/notify.chs'))).toEqual(script);
    expect(await readFile(join(dir, 'endpoints/inbox.json'))).toEqual(endpoint);

    // A component that would take their place is refused rather than overwrite them.
    const withInbox = structuredClone(project);
    withInbox.endpoints.push({ id: 'inbox', name: 'Fresh inbox', kind: 'temp' });
    await expect(saveProject(dir, withInbox, result)).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED', location: { file: 'endpoints/inbox.json' } });
    const withNotify = structuredClone(project);
    withNotify.scripts.push({ id: 'notify', name: 'Notify again', language: 'chorus', source: 'x' });
    await expect(saveProject(dir, withNotify, result)).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED', location: { file: 'scripts/notify.json' } });
    expect(await readFile(join(dir, 'scripts/notify.chs'))).toEqual(script);
    expect(await readFile(join(dir, 'endpoints/inbox.json'))).toEqual(endpoint);
  });

  it('saves work in progress: missing references and incomplete endpoint settings', async () => {
    const { dir, loaded, project } = await loadFixture();
    project.endpoints.push({ id: 'draft', name: 'Draft', kind: 'file' });
    project.activities[0] = { ...project.activities[0], endpoint: 'not-yet' };
    const result = await saveProject(dir, project, loaded);
    expect(result.written).toEqual(['activities/read-orders.json', 'endpoints/draft.json']);
    const problems = (await loadProject(dir)).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'PROJECT_REFERENCE_MISSING', file: 'activities/read-orders.json', path: '$.endpoint' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'PROJECT_INVALID', file: 'endpoints/draft.json', path: '$.settings.folder' }));
  });

  it('refuses a project whose files would not load back, and writes nothing', async () => {
    const { dir, loaded, project } = await loadFixture();
    const before = await snapshot(dir);
    const bad = structuredClone(project);
    bad.endpoints[0] = { ...bad.endpoints[0], name: 'Changed', bogus: true } as (typeof bad.endpoints)[number];
    await expect(saveProject(dir, bad, loaded)).rejects.toMatchObject({ code: 'PROJECT_INVALID', location: { file: 'endpoints/inbox.json', path: '$.bogus' } });

    const badId = structuredClone(project);
    badId.schedules[0].id = 'Not A Valid Id';
    await expect(saveProject(dir, badId, loaded)).rejects.toMatchObject({ code: 'PROJECT_INVALID' });

    const duplicate = structuredClone(project);
    duplicate.endpoints.push({ ...duplicate.endpoints[0], name: 'Twin' });
    await expect(saveProject(dir, duplicate, loaded)).rejects.toMatchObject({ code: 'PROJECT_DUPLICATE_ID' });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses to delete anything that is not a project file', async () => {
    const { dir, project } = await loadFixture();
    const outside = join(dir, '..', 'precious.txt');
    await writeFile(outside, 'keep');
    for (const file of ['../precious.txt', 'endpoints/../../precious.txt', 'data/x.json', '.chorus/state.json']) {
      await expect(saveProject(dir, project, { loadedFiles: new Set([file]) })).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED' });
    }
    expect(await readFile(outside, 'utf8')).toBe('keep');
  });
});

describe('createProject', () => {
  it('writes a manifest with a fresh id and a .gitignore for the local folder', async () => {
    const dir = join(await temp.make(), 'new', 'project');
    const created = await createProject(dir, { name: 'My project' });
    expect(created.problems).toEqual([]);
    expect(created.dir).toBe(dir);
    expect(created.project?.manifest).toEqual({ formatVersion: 1, id: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/), name: 'My project' });
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('.chorus/\n');
    expect(await readFile(join(dir, 'chorus.json'), 'utf8')).toBe(canonicalJson(created.project?.manifest));
    expect([...created.loadedFiles]).toEqual(['chorus.json']);

    const other = await createProject(join(dir, '..', 'other'), { name: 'Other', id: 'chosen-id' });
    expect(other.project?.manifest.id).toBe('chosen-id');
    expect(other.project?.manifest.id).not.toBe(created.project?.manifest.id);
  });

  it('uses an existing empty folder and refuses a non-empty one', async () => {
    const empty = await temp.make();
    await createProject(empty, { name: 'Here' });
    await expect(createProject(empty, { name: 'Again' })).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED', message: expect.stringMatching(/not empty/) });
    expect(JSON.parse(await readFile(join(empty, 'chorus.json'), 'utf8')).name).toBe('Here');
  });

  it('refuses an invalid name or id without creating anything', async () => {
    const parent = await temp.make();
    await expect(createProject(join(parent, 'p'), { name: '  ' })).rejects.toMatchObject({ code: 'PROJECT_INVALID', location: { path: '$.name' } });
    await expect(createProject(join(parent, 'p'), { name: 'P', id: 'no way' })).rejects.toMatchObject({ code: 'PROJECT_INVALID', location: { path: '$.id' } });
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('copyTemplate', () => {
  it('copies the whole folder but .chorus/, with a fresh id and the given name', async () => {
    const template = await temp.fixture('valid-v1');
    await mkdir(join(template, 'data/in'), { recursive: true });
    await writeFile(join(template, 'data/in/orders-1.json'), '{"orders":[]}');
    await mkdir(join(template, '.chorus'));
    await writeFile(join(template, '.chorus/history.json'), '{}');
    const templateBefore = await snapshot(template);

    const dir = join(await temp.make(), 'copy');
    const copy = await copyTemplate(template, dir, 'My orders');
    expect(copy.problems).toEqual([]);
    expect(copy.project?.manifest.name).toBe('My orders');
    expect(copy.project?.manifest.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(copy.project?.manifest.id).not.toBe('ordersync01');
    expect(copy.project?.manifest.description).toBe('Reads shop orders, reshapes them and writes one XML file per run.');

    const files = await snapshot(dir);
    const expected = { ...templateBefore };
    delete expected['.chorus'];
    delete expected['.chorus/history.json'];
    expect(Object.keys(files).sort()).toEqual(Object.keys(expected).sort());
    for (const file of Object.keys(files)) if (file !== 'chorus.json') expect(files[file], file).toBe(expected[file]);
    expect(await snapshot(template)).toEqual(templateBefore);
  });

  it('migrates a template in an older format and adds a .gitignore when it has none', async () => {
    const dir = join(await temp.make(), 'copy');
    const copy = await copyTemplate(join(fixturesDir, 'format-v0'), dir, 'From v0');
    expect(copy.formatVersion).toBe(1);
    expect(copy.problems).toEqual([]);
    expect(copy.project?.endpoints[0].kind).toBe('file');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('.chorus/\n');
  });

  it('refuses a folder that is not a project, a non-empty target and a target inside the template', async () => {
    const parent = await temp.make();
    await expect(copyTemplate(parent, join(parent, 'x'), 'X')).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    const template = await temp.fixture('valid-v1');
    await expect(copyTemplate(template, join(template, 'inner'), 'X')).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED' });
    await expect(copyTemplate(template, template, 'X')).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED' });
    const taken = await temp.make();
    await writeFile(join(taken, 'README'), 'mine');
    await expect(copyTemplate(template, taken, 'X')).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED', message: expect.stringMatching(/not empty/) });
    expect(await readdir(taken)).toEqual(['README']);
    expect((await stat(join(template, 'inner')).catch(() => undefined))).toBeUndefined();
  });
});
