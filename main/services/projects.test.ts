import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../preload/contract.ts';
import { tempDir } from '../test/fixtures.ts';
import { EventHub } from './events.ts';
import { ProjectService } from './projects.ts';
import { SettingsService } from './settings.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let service: ProjectService;
let settings: SettingsService;
let hub: EventHub;

beforeEach(async () => {
  tmp = await tempDir();
  hub = new EventHub();
  settings = new SettingsService(path.join(tmp.dir, 'home'));
  service = new ProjectService({ settings, events: hub, watchDebounceMs: 50 });
});
afterEach(async () => {
  service.close();
  await tmp.cleanup();
});

const endpoint = { id: 'archive', name: 'Archive', kind: 'file', settings: { folder: 'data/archive' } };

describe('ProjectService', () => {
  it('lists the bundled examples as templates', async () => {
    const templates = await service.listTemplates();
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(['csv-orders-to-json', 'error-report-chain', 'json-to-xml']));
    expect(templates.every((t) => t.name.length > 0)).toBe(true);
  });

  it('creates a project from a template, opens it and remembers it', async () => {
    const folder = path.join(tmp.dir, 'orders');
    const created = await service.createFromTemplate({ template: 'csv-orders-to-json', folder, name: 'My orders' });
    expect(created.project?.manifest.name).toBe('My orders');
    expect(created.project?.operations.map((o) => o.id)).toEqual(['convert-orders']);
    expect(existsSync(path.join(folder, 'data/in/orders.csv'))).toBe(true);

    const opened = await service.open({ folder });
    expect(opened).toMatchObject({ folder, problems: [] });
    expect(await service.listRecent()).toMatchObject([{ folder, name: 'My orders' }]);
  });

  it('creates an empty project without a template, and refuses an unknown template', async () => {
    const empty = await service.createFromTemplate({ folder: path.join(tmp.dir, 'empty'), name: 'Empty' });
    expect(empty.project?.operations).toEqual([]);
    await expect(service.createFromTemplate({ template: 'nope', folder: path.join(tmp.dir, 'x'), name: 'X' })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    expect(existsSync(path.join(tmp.dir, 'x'))).toBe(false);
  });

  it('reports a folder that is not a project', async () => {
    const opened = await service.open({ folder: tmp.dir });
    expect(opened.project).toBeUndefined();
    expect(opened.problems[0].code).toBe('PROJECT_NOT_FOUND');
    expect(await service.listRecent()).toEqual([]);
  });

  it('saves written and deleted components, renames and deletes', async () => {
    const folder = path.join(tmp.dir, 'orders');
    await service.createFromTemplate({ template: 'csv-orders-to-json', folder, name: 'Orders' });

    const saved = await service.save({ folder, changes: [{ op: 'write', kind: 'endpoints', doc: endpoint }] });
    expect(saved).toEqual({ written: ['endpoints/archive.json'], deleted: [], problems: [] });
    expect(JSON.parse(await readFile(path.join(folder, 'endpoints/archive.json'), 'utf8'))).toEqual(endpoint);

    const again = await service.save({ folder, changes: [{ op: 'write', kind: 'endpoints', doc: endpoint }] });
    expect(again.written).toEqual([]);

    expect(await service.renameComponent({ folder, kind: 'endpoints', id: 'archive', name: 'Old orders' })).toEqual({ written: ['endpoints/archive.json'], problems: [] });
    expect((await service.open({ folder })).project?.endpoints.find((e) => e.id === 'archive')?.name).toBe('Old orders');

    expect(await service.deleteComponent({ folder, kind: 'endpoints', id: 'archive' })).toEqual({ deleted: ['endpoints/archive.json'], problems: [] });
    expect(existsSync(path.join(folder, 'endpoints/archive.json'))).toBe(false);
    await expect(service.deleteComponent({ folder, kind: 'endpoints', id: 'archive' })).rejects.toMatchObject({ code: 'COMPONENT_NOT_FOUND' });
  });

  it('saves a script with its text file', async () => {
    const folder = path.join(tmp.dir, 'p');
    await service.createFromTemplate({ folder, name: 'P' });
    const saved = await service.save({ folder, changes: [{ op: 'write', kind: 'scripts', doc: { id: 'hello', name: 'Hello', language: 'chorus', source: '<trans>1 + 1</trans>\n' } }] });
    expect(saved.written).toEqual(['scripts/hello.chs', 'scripts/hello.json']);
    expect(await readFile(path.join(folder, 'scripts/hello.chs'), 'utf8')).toBe('<trans>1 + 1</trans>\n');
  });

  it('reports reference problems after a save that leaves one', async () => {
    const folder = path.join(tmp.dir, 'orders');
    await service.createFromTemplate({ template: 'csv-orders-to-json', folder, name: 'Orders' });
    const { problems } = await service.deleteComponent({ folder, kind: 'endpoints', id: 'incoming' });
    expect(problems.map((p) => p.code)).toContain('PROJECT_REFERENCE_MISSING');
  });

  it('never overwrites a component file that did not load', async () => {
    const folder = path.join(tmp.dir, 'orders');
    await service.createFromTemplate({ template: 'csv-orders-to-json', folder, name: 'Orders' });
    await writeFile(path.join(folder, 'endpoints/archive.json'), '{ broken');
    await expect(service.save({ folder, changes: [{ op: 'write', kind: 'endpoints', doc: endpoint }] })).rejects.toMatchObject({ code: 'PROJECT_WRITE_FAILED' });
    expect(await readFile(path.join(folder, 'endpoints/archive.json'), 'utf8')).toBe('{ broken');
  });

  it('reports files changed on disk, but not local state', async () => {
    const folder = path.join(tmp.dir, 'orders');
    await service.createFromTemplate({ template: 'csv-orders-to-json', folder, name: 'Orders' });
    await service.watch({ folder });
    await service.watch({ folder });
    const changed = new Promise<StudioEvent>((resolve) => hub.on(resolve));
    await mkdir(path.join(folder, '.chorus/runs'), { recursive: true });
    await writeFile(path.join(folder, '.chorus/runs/x.json'), '{}');
    await service.save({ folder, changes: [{ op: 'write', kind: 'endpoints', doc: endpoint }] });
    const event = await changed;
    expect(event.type).toBe('projects.changed');
    if (event.type !== 'projects.changed') return;
    expect(event.folder).toBe(folder);
    expect(event.files).toContain('endpoints/archive.json');
    expect(event.files.some((f) => f.startsWith('.chorus/') || f.endsWith('.tmp'))).toBe(false);
  });
});
