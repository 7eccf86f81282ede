import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { errnoOf } from '../../engine/src/core/errors.ts';
import { LOCAL_FOLDER } from '../../engine/src/core/model/project.ts';
import { chainSucceeded, type RunLog } from '../../engine/src/runtime/run-log.ts';
import type { RunSummary } from '../../preload/contract.ts';
import { HostError } from './host-error.ts';

/** Where the engine keeps the run logs of a project. */
export function runsFolder(projectDir: string): string {
  return path.join(projectDir, LOCAL_FOLDER, 'runs');
}

export function summarizeRun(log: RunLog): RunSummary {
  const countErrors = (l: RunLog): number => l.messages.filter((m) => m.level === 'error').length + l.children.reduce((n, c) => n + countErrors(c), 0);
  return {
    id: log.id,
    operation: log.operation,
    operationName: log.operationName,
    status: log.status,
    startedAt: log.startedAt,
    endedAt: log.endedAt,
    records: log.steps.findLast((s) => s.kind !== 'script')?.recordsOut ?? 0,
    errors: countErrors(log),
    chainSucceeded: chainSucceeded(log),
  };
}

/** Summaries of the kept run logs, newest first. A log that cannot be read is left out: history is informative. */
export async function runHistory(projectDir: string, limit = 100): Promise<RunSummary[]> {
  const dir = runsFolder(projectDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return [];
    throw err;
  }
  // Run ids start with their UTC start time, so the name order is the time order.
  names.sort().reverse();
  const summaries: RunSummary[] = [];
  for (const name of names) {
    if (summaries.length >= limit) break;
    const log = await readLog(path.join(dir, name)).catch(() => undefined);
    if (log) summaries.push(summarizeRun(log));
  }
  return summaries;
}

export async function readRunLog(projectDir: string, runId: string): Promise<RunLog> {
  const file = path.join(runsFolder(projectDir), `${runId}.json`);
  try {
    return await readLog(file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') throw new HostError('RUN_NOT_FOUND', `no run "${runId}" in the history of ${projectDir}`);
    throw err;
  }
}

async function readLog(file: string): Promise<RunLog> {
  return JSON.parse(await readFile(file, 'utf8')) as RunLog;
}
