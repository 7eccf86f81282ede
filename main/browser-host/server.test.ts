import { existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryVault } from '../../engine/src/vault/memory-vault.ts';
import type { StudioEvent } from '../../preload/contract.ts';
import { createStudioServices, type StudioServices } from '../services/index.ts';
import { copyExample, tempDir } from '../test/fixtures.ts';
import { startBrowserHost, type BrowserHost } from './server.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let services: StudioServices;
let host: BrowserHost;

beforeEach(async () => {
  tmp = await tempDir();
  services = createStudioServices({ home: path.join(tmp.dir, 'home'), vault: async () => new MemoryVault() });
  host = await startBrowserHost({ services });
});
afterEach(async () => {
  await host.close();
  await services.close();
  await tmp.cleanup();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A raw HTTP request, so tests control every header (Host included). */
function send(method: string, url: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path: url, headers: { host: `127.0.0.1:${host.port}`, ...options.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (service: string, method: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${host.token}` }) =>
  send('POST', `/api/${service}/${method}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser host', () => {
  it('listens on 127.0.0.1 with a long random token in its URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the page with the token only to the URL that carries it, with security headers', async () => {
    const page = await send('GET', `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<meta name="chorus-token" content="${host.token}">`);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; font-src 'self' data:; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();

    const without = await send('GET', '/');
    expect(without.status).toBe(401);
    expect(without.text).not.toContain(host.token);
    expect((await send('GET', '/?token=wrong')).status).toBe(401);
  });

  it('answers API calls with the token', async () => {
    const folder = path.join(tmp.dir, 'orders');
    const created = await api('projects', 'createFromTemplate', { template: 'csv-orders-to-json', folder, name: 'Orders' });
    expect(created.status).toBe(200);
    expect(created.json().project.manifest.name).toBe('Orders');
    const recent = await send('POST', '/api/projects/listRecent', { headers: { authorization: `Bearer ${host.token}` } });
    expect(recent.status).toBe(200);
    expect(recent.json()).toMatchObject([{ folder, name: 'Orders' }]);
    expect(recent.headers['cache-control']).toBe('no-store');
  });

  it('refuses a request without the token, or with a wrong one, and changes nothing', async () => {
    const folder = path.join(tmp.dir, 'orders');
    const body = { template: 'csv-orders-to-json', folder, name: 'Orders' };
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${host.token}x` }, { authorization: host.token }]) {
      const answer = await api('projects', 'createFromTemplate', body, headers);
      expect(answer.status).toBe(401);
      expect(answer.json().error.code).toBe('UNAUTHORIZED');
    }
    // The query string is only for the page and the event socket.
    expect((await send('POST', `/api/projects/createFromTemplate?token=${host.token}`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(401);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(path.join(tmp.dir, 'home/studio-settings.json'))).toBe(false);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const folder = path.join(tmp.dir, 'orders');
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
      const answer = await api('projects', 'createFromTemplate', { template: 'csv-orders-to-json', folder, name: 'O' }, { authorization: `Bearer ${host.token}`, host: hostHeader });
      expect(answer.status).toBe(403);
    }
    expect(existsSync(folder)).toBe(false);
    expect((await send('GET', `/?token=${host.token}`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await send('GET', `/?token=${host.token}`, { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('answers 400 naming the bad field, and 404 for an unknown method', async () => {
    const bad = await api('projects', 'open', { folder: 'not/absolute' });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', field: 'folder' });

    const badDoc = await api('projects', 'save', { folder: tmp.dir, changes: [{ op: 'write', kind: 'endpoints', doc: { id: 'x', name: 'X', kind: 'file', settings: {}, colour: 'red' } }] });
    expect(badDoc.status).toBe(400);
    expect(badDoc.json().error.field).toBe('changes.0.doc');

    const notJson = await send('POST', '/api/projects/open', { headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(notJson.json().error.code).toBe('BAD_REQUEST');

    expect((await api('projects', 'format', {})).status).toBe(404);
    expect((await api('constructor', 'name', {})).status).toBe(404);
  });

  it('answers errors from the services as problems with their code', async () => {
    const answer = await api('runs', 'get', { folder: tmp.dir, runId: 'nope' });
    expect(answer.status).toBe(404);
    expect(answer.json().error.code).toBe('RUN_NOT_FOUND');
    const run = await api('runs', 'start', { folder: tmp.dir, operation: 'x' });
    expect(run.status).toBe(422);
    expect(run.json().error.code).toBe('PROJECT_NOT_FOUND');
  });

  it('refuses the event socket without the token or from another origin', async () => {
    const refused = (url: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('unexpected-response', (req, res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        ws.on('open', () => {
          resolve(101);
          ws.terminate();
        });
      });
    expect(await refused(`ws://127.0.0.1:${host.port}/api/events`)).toBe(401);
    expect(await refused(`ws://127.0.0.1:${host.port}/api/events?token=wrong`)).toBe(401);
    expect(await refused(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, 'http://evil.example')).toBe(403);
  });

  it('pushes the events of a run over the WebSocket', async () => {
    const folder = await copyExample('csv-orders-to-json', tmp.dir);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const received: StudioEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as StudioEvent;
        received.push(event);
        if (event.type === 'runs.finished') resolve();
      }),
    );

    const start = await api('runs', 'start', { folder, operation: 'convert-orders' });
    expect(start.status).toBe(200);
    const { runId } = start.json() as { runId: string };
    await finished;
    ws.close();

    expect(received.map((e) => e.type)).toEqual(expect.arrayContaining(['runs.started', 'runs.progress', 'runs.stepFinished', 'runs.finished']));
    expect(received.every((e) => !('runId' in e) || e.runId === runId)).toBe(true);
    expect(received.at(-1)).toMatchObject({ type: 'runs.finished', summary: { status: 'succeeded' } });
    const history = await api('runs', 'history', { folder });
    expect(history.json()).toMatchObject([{ id: runId, status: 'succeeded' }]);
  });
});
