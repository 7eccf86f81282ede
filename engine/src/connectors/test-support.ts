// Helpers for the connector tests: real temp folders and activities built through the model schemas.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { readActivitySchema, writeActivitySchema, type ReadActivity, type WriteActivity } from '../core/model/activity.ts';
import { endpointSchema, type Endpoint } from '../core/model/endpoint.ts';
import type { ConnectorContext, Target } from './types.ts';

export interface Sandbox {
  root: string;
  ctx: ConnectorContext;
  cleanup(): Promise<void>;
}

/** A temp folder holding `project/` and `chain/` (the chain temp folder, not yet created). */
export async function sandbox(): Promise<Sandbox> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'chorus-connectors-'));
  const projectDir = path.join(root, 'project');
  await fs.mkdir(projectDir);
  const ctx: ConnectorContext = {
    projectDir,
    chainTempDir: path.join(root, 'chain'),
    globals: new Map(),
    signal: new AbortController().signal,
  };
  return { root, ctx, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

export function endpoint(kind: string, settings: Record<string, unknown> = {}, id = 'ep'): Endpoint {
  return endpointSchema.parse({ id, name: `Endpoint ${id}`, kind, settings });
}

export function readActivity(options: Partial<Omit<ReadActivity, 'type'>> = {}): ReadActivity {
  return readActivitySchema.parse({ id: 'read', name: 'Read', endpoint: 'ep', format: { type: 'csv' }, ...options, type: 'read' });
}

export function writeActivity(options: Partial<Omit<WriteActivity, 'type'>> = {}): WriteActivity {
  return writeActivitySchema.parse({ id: 'write', name: 'Write', endpoint: 'ep', format: { type: 'csv' }, ...options, type: 'write' });
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf-8');
}

/** Writes `text` to the target and commits, as a record writer and the runtime would. */
export async function writeAndCommit(target: Target, text: string): Promise<void> {
  target.stream.end(text);
  await target.commit();
}

/** Creates files (path relative to `dir` -> content), making folders as needed. */
export async function files(dir: string, contents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(contents)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
}

export async function listing(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}
