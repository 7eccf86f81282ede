import { afterEach, describe, expect, it } from 'vitest';
import { backends } from '../test/backends.ts';
import { sha256, startRepo, type TestRepo } from '../test/harness.ts';
import { DEFAULT_BODY_LIMIT } from './server.ts';

describe.each(backends)('request limits and protocol on $name', (backend) => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.close());

  it('answers 413 to a body over the limit, as JSON or as a content', async () => {
    repo = await startRepo(backend, { bodyLimit: 64 * 1024 });
    const admin = repo.as(repo.adminToken);
    const big = Buffer.alloc(100 * 1024, 'a');
    const blob = await admin.putBytes(`/orgs/default/blobs/${sha256(big)}`, big);
    expect(blob.status).toBe(413);
    expect(blob.headers.get('content-type')).toContain('application/problem+json');
    expect(blob.body.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await admin.post('/orgs/default/projects', { name: 'x', environment: 'Development', padding: 'p'.repeat(100 * 1024) });
    expect(json.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const fits = Buffer.alloc(60 * 1024, 'b');
    expect((await admin.putBytes(`/orgs/default/blobs/${sha256(fits)}`, fits)).status).toBe(201);
  });

  it('limits a body to 10 MB by default', async () => {
    repo = await startRepo(backend);
    const admin = repo.as(repo.adminToken);
    const over = Buffer.alloc(DEFAULT_BODY_LIMIT + 1, 'c');
    expect((await admin.putBytes(`/orgs/default/blobs/${sha256(over)}`, over)).status).toBe(413);
    const under = over.subarray(0, 1024 * 1024);
    expect((await admin.putBytes(`/orgs/default/blobs/${sha256(under)}`, under)).status).toBe(201);
  });

  it('answers 429 once a token has used its requests, counting each token apart', async () => {
    repo = await startRepo(backend, { rateLimit: { max: 5, timeWindowMs: 60_000 } });
    const admin = repo.as(repo.adminToken);
    const other = (await admin.post('/tokens', { name: 'second' })).body.token as string; // request 1
    for (let i = 2; i <= 5; i++) expect((await admin.get('/me')).status).toBe(200);
    const limited = await admin.get('/me');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await repo.as(other).get('/me')).status).toBe(200);
  });

  it('sends no CORS headers, so browsers on other origins cannot read answers', async () => {
    repo = await startRepo(backend);
    const preflight = await repo.as(undefined).raw('/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await repo.as(repo.adminToken).raw('/me', { headers: { origin: 'https://evil.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect(get.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a content sent as JSON, and answers unknown routes with a problem', async () => {
    repo = await startRepo(backend);
    const admin = repo.as(repo.adminToken);
    const asJson = await admin.put(`/orgs/default/blobs/${sha256('"x"')}`, 'x');
    expect(asJson).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const xml = await admin.raw('/orgs', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<org/>' });
    expect(xml.status).toBe(415);
    const unknown = await admin.get('/nothing-here');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('serves its OpenAPI document without a token, describing every route', async () => {
    repo = await startRepo(backend);
    const doc = await repo.as(undefined).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const push = doc.body.paths['/orgs/{org}/projects/{project}/revisions'].post;
    const pushBody = push.requestBody.content['application/json'].schema;
    expect(pushBody.required).toEqual(['parent']);
    expect(Object.keys(pushBody.properties)).toEqual(expect.arrayContaining(['manifest', 'changes']));
    expect(doc.body.paths['/orgs/{org}/projects/{project}/revisions/{revision}/changes'].get.parameters).toContainEqual(expect.objectContaining({ name: 'since', in: 'query' }));
    expect(Object.keys(push.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '422', '429']));
    expect(doc.body.paths['/orgs/{org}/blobs/{hash}'].put.requestBody.content).toHaveProperty(['application/octet-stream']);
    expect(doc.body.paths['/health'].get.security).toEqual([]);
    const operations = Object.values(doc.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(operations).size).toBe(operations.length);
    expect(operations.length).toBeGreaterThanOrEqual(27);
  });
});
