import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../test/backends.ts';
import { addUser, expectStatus, sha256, startRepo, upload, type Client, type Reply, type TestRepo } from '../test/harness.ts';

describe.each(backends)('repository API on $name', (backend) => {
  let repo: TestRepo;
  let admin: Client;
  beforeAll(async () => {
    repo = await startRepo(backend);
    admin = repo.as(repo.adminToken);
  });
  afterAll(() => repo?.close());

  async function newProject(name = `p-${Math.random().toString(36).slice(2)}`, api = admin): Promise<string> {
    const reply = await api.post('/orgs/default/projects', { name, environment: 'Development' });
    expectStatus(reply, 201);
    return reply.body.id as string;
  }

  async function push(projectId: string, parent: string | null, files: Record<string, string>, api = admin, message = 'change') {
    const hashes = await upload(api, 'default', Object.values(files));
    const manifest = Object.fromEntries(Object.keys(files).map((path, i) => [path, hashes[i]]));
    return api.post(`/orgs/default/projects/${projectId}/revisions`, { parent, message, manifest });
  }

  it('bootstraps organisation "default" with Development and Production, administered by the bootstrap token', async () => {
    const me = await admin.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'admin', serverAdmin: true, memberships: [{ organisation: 'default', role: 'admin' }] });
    const environments = await admin.get('/orgs/default/environments');
    expect(environments.body).toMatchObject([
      { name: 'Development', readRole: 'viewer', writeRole: 'designer', writable: true },
      { name: 'Production', readRole: 'viewer', writeRole: 'admin', writable: true },
    ]);
  });

  it('creates a project, stores revisions, and serves their manifests and contents', async () => {
    const projectId = await newProject('orders');
    expect((await admin.get(`/orgs/default/projects/${projectId}`)).body).toMatchObject({ id: projectId, name: 'orders', environment: 'Development', head: null });

    const manifestText = '{\n  "formatVersion": 1\n}\n';
    const opText = '{\n  "id": "convert"\n}\n';
    const missing = await admin.post('/orgs/default/blobs/missing', { hashes: [sha256(manifestText), sha256(opText)] });
    expect(missing.body.missing).toEqual([sha256(manifestText), sha256(opText)]);

    const first = await push(projectId, null, { 'chorus.json': manifestText, 'operations/convert.json': opText }, admin, 'first');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ seq: 1, parent: null, author: 'admin', message: 'first', componentCount: 2 });
    expect((await admin.post('/orgs/default/blobs/missing', { hashes: [sha256(manifestText), sha256('new')] })).body.missing).toEqual([sha256('new')]);

    // Uploading a content again stores nothing new.
    const again = await admin.putBytes(`/orgs/default/blobs/${sha256(opText)}`, Buffer.from(opText));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ hash: sha256(opText), created: false });

    const opText2 = '{\n  "id": "convert",\n  "name": "Convert"\n}\n';
    const second = await push(projectId, first.body.id, { 'chorus.json': manifestText, 'operations/convert.json': opText2 });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ seq: 2, parent: first.body.id });

    const project = await admin.get(`/orgs/default/projects/${projectId}`);
    expect(project.body.head).toEqual({ id: second.body.id, seq: 2 });
    const revision = await admin.get(`/orgs/default/projects/${projectId}/revisions/${first.body.id}`);
    expect(revision.body.manifest).toEqual({ 'chorus.json': sha256(manifestText), 'operations/convert.json': sha256(opText) });
    const blob = await admin.get(`/orgs/default/blobs/${sha256(opText2)}`);
    expect(blob.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(blob.body).toString('utf8')).toBe(opText2);

    const listed = await admin.get(`/orgs/default/projects?environment=Development&name=orders`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
  });

  it('stores a revision posted as changes to its parent, answered without its manifest, and serves the changes between two revisions', async () => {
    const projectId = await newProject();
    const [a, b, c, d, e] = await upload(admin, 'default', ['chorus a', 'op x', 'op y', 'op x2', 'op z']);
    const revisions = `/orgs/default/projects/${projectId}/revisions`;
    const first = await admin.post(revisions, { parent: null, message: 'first', changes: { put: { 'chorus.json': a, 'operations/x.json': b, 'operations/y.json': c } } });
    expectStatus(first, 201);
    expect(first.body).toMatchObject({ seq: 1, parent: null, message: 'first', componentCount: 3 });
    expect(Object.keys(first.body).sort()).toEqual(['author', 'componentCount', 'createdAt', 'id', 'message', 'parent', 'project', 'seq']);

    const second = await admin.post(revisions, { parent: first.body.id, changes: { put: { 'operations/x.json': d, 'operations/z.json': e }, delete: ['operations/y.json'] } });
    expectStatus(second, 201);
    expect(second.body).toMatchObject({ seq: 2, parent: first.body.id, message: '', componentCount: 3 });
    expect(second.body).not.toHaveProperty('manifest');
    const stored = await admin.get(`${revisions}/${second.body.id}`);
    expect(stored.body.manifest).toEqual({ 'chorus.json': a, 'operations/x.json': d, 'operations/z.json': e });
    expect(Object.keys(stored.body.manifest)).toEqual(['chorus.json', 'operations/x.json', 'operations/z.json']);
    // A whole manifest is still taken, and answered the same way.
    const third = await admin.post(revisions, { parent: second.body.id, manifest: { 'chorus.json': a } });
    expectStatus(third, 201);
    expect(third.body).toMatchObject({ seq: 3, componentCount: 1 });
    expect(third.body).not.toHaveProperty('manifest');

    const changes = (to: string, since?: string) => admin.get(`${revisions}/${to}/changes${since ? `?since=${since}` : ''}`);
    expect((await changes(second.body.id, first.body.id)).body).toEqual({ put: { 'operations/x.json': d, 'operations/z.json': e }, delete: ['operations/y.json'] });
    expect((await changes(first.body.id, second.body.id)).body).toEqual({ put: { 'operations/x.json': b, 'operations/y.json': c }, delete: ['operations/z.json'] });
    expect((await changes(third.body.id, first.body.id)).body).toEqual({ put: {}, delete: ['operations/x.json', 'operations/y.json'] });
    expect((await changes(second.body.id, second.body.id)).body).toEqual({ put: {}, delete: [] });
    expect((await changes(first.body.id)).body).toEqual({ put: { 'chorus.json': a, 'operations/x.json': b, 'operations/y.json': c }, delete: [] });

    const otherProject = await newProject();
    const other = await push(otherProject, null, { 'chorus.json': 'other project' });
    for (const reply of [await changes(crypto.randomUUID(), first.body.id), await changes(second.body.id, crypto.randomUUID()), await changes(second.body.id, other.body.id), await changes(other.body.id)]) {
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('NOT_FOUND');
    }
    expect((await changes(second.body.id, 'not-a-uuid')).body).toMatchObject({ code: 'INVALID_REQUEST', field: '$.since', in: 'query' });
    expect((await admin.get(`${revisions}/${second.body.id}/changes?since=${first.body.id}&extra=1`)).status).toBe(400);
  });

  it('refuses changes outside the path rules (400), naming contents not uploaded (422) or on a parent that is not the head (409), writing nothing', async () => {
    const projectId = await newProject();
    const revisions = `/orgs/default/projects/${projectId}/revisions`;
    const base = await push(projectId, null, { 'chorus.json': 'base', 'operations/x.json': 'x' });
    const [fresh] = await upload(admin, 'default', ['fresh']);
    const post = (changes: unknown, extra: Record<string, unknown> = {}) => admin.post(revisions, { parent: base.body.id, changes, ...extra });

    const refused: [unknown, string, Record<string, unknown>?][] = [
      [{ put: { '../escape.json': fresh } }, '$.changes.put["../escape.json"]'],
      [{ put: { 'a//b.json': fresh } }, '$.changes.put["a//b.json"]'],
      [{ put: { 'chorus.json': 'abc' } }, '$.changes.put["chorus.json"]'],
      [{ delete: ['/abs.json'] }, '$.changes.delete[0]'],
      [{ put: {}, delete: ['operations/absent.json'] }, '$.changes.delete[0]'],
      [{ put: { 'operations/x.json': fresh }, delete: ['operations/x.json'] }, '$.changes.delete[0]'],
      [{ put: {}, removed: [] }, '$.changes.removed'],
      [{ put: {} }, '$.changes', { manifest: {} }],
    ];
    for (const [changes, field, extra] of refused) {
      const reply = await post(changes, extra);
      expect(reply.status, field).toBe(400);
      expect(reply.body, field).toMatchObject({ code: 'INVALID_REQUEST', field, in: 'body' });
    }
    expect((await admin.post(revisions, { parent: base.body.id })).body).toMatchObject({ code: 'INVALID_REQUEST', field: '$.manifest' });

    const absent = sha256('never uploaded');
    const missing = await post({ put: { 'operations/x.json': fresh, 'operations/y.json': absent } });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'BLOBS_MISSING', missing: [absent] });
    expect((await admin.get(`/orgs/default/projects/${projectId}`)).body.head).toEqual({ id: base.body.id, seq: 1 });

    const next = await post({ put: { 'operations/x.json': fresh } });
    expectStatus(next, 201);
    for (const parent of [base.body.id, crypto.randomUUID(), null]) {
      const stale = await admin.post(revisions, { parent, changes: { put: { 'operations/y.json': fresh } } });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'HEAD_MOVED', head: { id: next.body.id, seq: 2 } });
    }
    expect((await admin.get(`${revisions}/${next.body.id}`)).body.manifest).toEqual({ 'chorus.json': sha256('base'), 'operations/x.json': fresh });
    expect((await admin.get(`${revisions}?limit=200`)).body.items).toHaveLength(2);
  });

  it('refuses a revision whose contents are not uploaded, and a content whose hash is wrong', async () => {
    const projectId = await newProject();
    const absent = sha256('never uploaded');
    const reply = await admin.post(`/orgs/default/projects/${projectId}/revisions`, { parent: null, message: '', manifest: { 'chorus.json': absent } });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'BLOBS_MISSING', missing: [absent] });
    const wrong = await admin.putBytes(`/orgs/default/blobs/${sha256('one')}`, Buffer.from('another'));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'HASH_MISMATCH', field: 'hash' });
    expect((await admin.get(`/orgs/default/projects/${projectId}`)).body.head).toBeNull();
  });

  it('answers 409 with the head when the base is not the head; of two concurrent pushes on one base exactly one wins', async () => {
    const projectId = await newProject();
    const base = await push(projectId, null, { 'chorus.json': 'base' });
    for (let round = 0; round < 5; round++) {
      const head = (await admin.get(`/orgs/default/projects/${projectId}`)).body.head.id as string;
      const [a, b] = await Promise.all([push(projectId, head, { 'chorus.json': `a${round}` }), push(projectId, head, { 'chorus.json': `b${round}` })]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const [winner, loser] = a.status === 201 ? [a, b] : [b, a];
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
      expect(loser.body).toMatchObject({ code: 'HEAD_MOVED', status: 409, head: { id: winner.body.id, seq: winner.body.seq } });
    }
    const stale = await push(projectId, base.body.id, { 'chorus.json': 'stale' });
    expect(stale.status).toBe(409);
    expect((await push(projectId, null, { 'chorus.json': 'as if new' })).status).toBe(409);
    const history = await admin.get(`/orgs/default/projects/${projectId}/revisions?limit=200`);
    expect(history.body.items.map((r: { seq: number }) => r.seq)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('lets viewers read but not push, and keeps Production deploys to admins', async () => {
    const projectId = await newProject();
    const rev = await push(projectId, null, { 'chorus.json': 'v1' });
    const viewer = repo.as(await addUser(repo, 'default', 'viewer'));
    expect((await viewer.get(`/orgs/default/projects/${projectId}/revisions/${rev.body.id}`)).status).toBe(200);
    const pushed = await viewer.post(`/orgs/default/projects/${projectId}/revisions`, { parent: rev.body.id, message: '', manifest: {} });
    expect(pushed.status).toBe(403);
    expect(pushed.body.code).toBe('FORBIDDEN');
    expect((await viewer.post(`/orgs/default/projects/${projectId}/revisions`, { parent: rev.body.id, changes: { delete: ['chorus.json'] } })).status).toBe(403);
    expect((await viewer.get(`/orgs/default/projects/${projectId}/revisions/${rev.body.id}/changes`)).body).toEqual({ put: { 'chorus.json': sha256('v1') }, delete: [] });
    expect((await viewer.putBytes(`/orgs/default/blobs/${sha256('x')}`, Buffer.from('x'))).status).toBe(403);
    expect((await viewer.post('/orgs/default/projects', { name: 'mine', environment: 'Development' })).status).toBe(403);
    expect((await admin.get(`/orgs/default/projects/${projectId}`)).body.head.id).toBe(rev.body.id);

    const designer = repo.as(await addUser(repo, 'default', 'designer'));
    expect((await push(projectId, rev.body.id, { 'chorus.json': 'v2' }, designer)).status).toBe(201);
    expect((await designer.put(`/orgs/default/environments/Production/deployments/${projectId}`, { revision: rev.body.id })).status).toBe(403);
    expect((await designer.get('/orgs/default/audit')).status).toBe(403);

    const deployed = await admin.put(`/orgs/default/environments/Production/deployments/${projectId}`, { revision: rev.body.id });
    expect(deployed.status).toBe(200);
    const live = await viewer.get('/orgs/default/environments/Production/deployments');
    expect(live.body).toContainEqual(expect.objectContaining({ project: projectId, revision: rev.body.id, seq: 1, deployedBy: 'admin' }));
  });

  it('answers 401 to a missing, wrong or revoked token', async () => {
    for (const token of [undefined, 'chorus_wrong', `${repo.adminToken}x`]) {
      const reply = await repo.as(token).get('/orgs/default/projects');
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe('UNAUTHORIZED');
    }
    expect((await repo.as(undefined).raw('/me', { headers: { authorization: `Basic ${repo.adminToken}` } })).status).toBe(401);
    // Without a token the body is not even read: 401, not 400.
    const anonymous = await repo.as(undefined).raw('/orgs/default/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(anonymous.status).toBe(401);

    const issued = await admin.post('/tokens', { name: 'short-lived' });
    const temporary = repo.as(issued.body.token);
    expect((await temporary.get('/me')).status).toBe(200);
    expect((await admin.get('/tokens')).body).toContainEqual(expect.objectContaining({ id: issued.body.id, revokedAt: null }));
    expect((await admin.get('/tokens')).body.some((t: Record<string, unknown>) => 'token' in t)).toBe(false);
    expect((await admin.delete(`/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await temporary.get('/me')).status).toBe(401);
  });

  it('isolates organisations: a token of one gets 404 for everything of another', async () => {
    const projectId = await newProject();
    const rev = await push(projectId, null, { 'chorus.json': 'tenant A content' });
    const hash = sha256('tenant A content');
    expectStatus(await admin.post('/orgs', { name: 'acme' }), 201);
    const outsider = repo.as(await addUser(repo, 'acme', 'admin'));
    expect((await outsider.get('/orgs')).body.map((o: { name: string }) => o.name)).toEqual(['acme']);

    const attempts = [
      outsider.get('/orgs/default'),
      outsider.get('/orgs/default/projects'),
      outsider.get('/orgs/default/environments'),
      outsider.get('/orgs/default/audit'),
      outsider.get('/orgs/default/members'),
      outsider.get(`/orgs/default/projects/${projectId}`),
      outsider.get(`/orgs/default/projects/${projectId}/revisions`),
      outsider.get(`/orgs/default/projects/${projectId}/revisions/${rev.body.id}`),
      outsider.post(`/orgs/default/projects/${projectId}/revisions`, { parent: rev.body.id, message: '', manifest: {} }),
      outsider.post(`/orgs/default/projects/${projectId}/revisions`, { parent: rev.body.id, changes: { delete: ['chorus.json'] } }),
      outsider.get(`/orgs/default/projects/${projectId}/revisions/${rev.body.id}/changes`),
      outsider.get(`/orgs/default/projects/${projectId}/revisions/${rev.body.id}/changes?since=${rev.body.id}`),
      outsider.get(`/orgs/default/blobs/${hash}`),
      outsider.post('/orgs/default/projects', { name: 'intruder', environment: 'Development' }),
      // Through its own organisation, another's ids are unknown too.
      outsider.get(`/orgs/acme/projects/${projectId}`),
      outsider.get(`/orgs/acme/projects/${projectId}/revisions/${rev.body.id}`),
      outsider.get(`/orgs/acme/projects/${projectId}/revisions/${rev.body.id}/changes?since=${rev.body.id}`),
      outsider.post(`/orgs/acme/projects/${projectId}/revisions`, { parent: rev.body.id, changes: { put: {} } }),
      outsider.get(`/orgs/acme/blobs/${hash}`),
      outsider.put(`/orgs/acme/environments/Production/deployments/${projectId}`, { revision: rev.body.id }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('NOT_FOUND');
    }
    // Contents are per organisation: acme does not have tenant A's blob, so it must upload it.
    expect((await outsider.post('/orgs/acme/blobs/missing', { hashes: [hash] })).body.missing).toEqual([hash]);
    // An organisation that does not exist looks the same as one that does.
    expect((await outsider.get('/orgs/no-such-org')).body.code).toBe('NOT_FOUND');
  });

  it('refuses malformed JSON and invalid bodies with 400 naming the field, changing nothing', async () => {
    const malformed = await admin.raw('/orgs/default/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await malformed.json()).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });

    const cases: [unknown, string][] = [
      [{ name: '', environment: 'Development' }, '$.name'],
      [{ name: 'ok', environment: 'Development', extra: 1 }, '$.extra'],
      [{ name: 'ok' }, '$.environment'],
      [{ name: 42, environment: 'Development' }, '$.name'],
    ];
    for (const [body, field] of cases) {
      const reply = await admin.post('/orgs/default/projects', body);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: 'INVALID_REQUEST', field, in: 'body' });
    }
    const projectId = await newProject();
    const badPaths = ['../escape.json', '/abs.json', 'a//b.json', 'a\\b.json'];
    for (const path of badPaths) {
      const reply = await admin.post(`/orgs/default/projects/${projectId}/revisions`, { parent: null, message: '', manifest: { [path]: sha256('x') } });
      expect(reply.status, path).toBe(400);
      expect(reply.body.field).toContain('$.manifest');
    }
    const badHash = await admin.post(`/orgs/default/projects/${projectId}/revisions`, { parent: null, message: '', manifest: { 'chorus.json': 'abc' } });
    expect(badHash.body).toMatchObject({ code: 'INVALID_REQUEST', field: '$.manifest["chorus.json"]' });
    expect((await admin.get('/orgs/default/projects/not-a-uuid')).body).toMatchObject({ code: 'INVALID_REQUEST', field: '$.project', in: 'path' });
    expect((await admin.get(`/orgs/default/projects/${projectId}`)).body.head).toBeNull();
  });

  it('pages through revisions and the audit log with limit and cursor', async () => {
    const projectId = await newProject();
    let parent: string | null = null;
    for (let i = 1; i <= 5; i++) parent = (await push(projectId, parent, { 'chorus.json': `v${i}` })).body.id as string;

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Reply = await admin.get(`/orgs/default/projects/${projectId}/revisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...reply.body.items.map((r: { seq: number }) => r.seq));
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect(pages).toBe(3);

    const first = await admin.get('/orgs/default/audit?limit=3');
    const next = await admin.get(`/orgs/default/audit?limit=3&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...next.body.items].map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);

    expect((await admin.get(`/orgs/default/projects/${projectId}/revisions?cursor=garbage`)).body.code).toBe('INVALID_CURSOR');
    expect((await admin.get(`/orgs/default/projects/${projectId}/revisions?limit=0`)).body).toMatchObject({ code: 'INVALID_REQUEST', field: '$.limit', in: 'query' });
    expect((await admin.get(`/orgs/default/projects/${projectId}/revisions?limit=201`)).status).toBe(400);
  });

  it('records every write in the audit log, with who, what and when', async () => {
    const projectId = await newProject('audited');
    const rev = await push(projectId, null, { 'chorus.json': 'audited content' });
    await admin.put(`/orgs/default/environments/Production/deployments/${projectId}`, { revision: rev.body.id });
    await admin.post('/orgs/default/environments', { name: 'Test', readRole: 'designer', writeRole: 'designer' });

    const entries = (await admin.get('/orgs/default/audit?limit=10')).body.items as { action: string; target: string; actor: string; at: string; details: Record<string, unknown> }[];
    const actions = entries.map((e) => `${e.action} ${e.target}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `project.create project:${projectId}`,
        `blob.create blob:${sha256('audited content')}`,
        `revision.create project:${projectId}`,
        'deployment.set environment:Production',
        'environment.create environment:Test',
      ]),
    );
    expect(entries.every((e) => e.actor === 'admin' && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(entries.find((e) => e.action === 'revision.create')?.details).toMatchObject({ revision: rev.body.id, seq: 1 });

    const server = (await admin.get('/audit')).body.items as { action: string }[];
    expect(server.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'token.create']));
  });

  it('hides environments below the read role and keeps an organisation with an admin', async () => {
    expectStatus(await admin.post('/orgs/default/environments', { name: 'Secret', readRole: 'admin', writeRole: 'admin' }), 201);
    const secretProject = await admin.post('/orgs/default/projects', { name: 'hidden', environment: 'Secret' });
    const designer = repo.as(await addUser(repo, 'default', 'designer'));
    expect((await designer.get('/orgs/default/environments')).body.map((e: { name: string }) => e.name)).not.toContain('Secret');
    expect((await designer.get(`/orgs/default/projects/${secretProject.body.id}`)).status).toBe(404);
    expect((await designer.get('/orgs/default/projects?limit=200')).body.items.map((p: { name: string }) => p.name)).not.toContain('hidden');

    expect((await admin.put('/orgs/default/members/admin', { role: 'designer' })).body.code).toBe('LAST_ADMIN');
    expect((await admin.delete('/orgs/default/members/admin')).status).toBe(409);
    expect((await admin.post('/orgs', { name: 'default' })).body.code).toBe('ALREADY_EXISTS');
  });
});
