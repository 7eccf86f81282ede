import type { WriteStream } from 'node:fs';
import type { ConnectorContext, Source, Target } from '../connectors/types.ts';
import { ChorusError, toChorusError } from '../core/errors.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import { createRecordWriter, readRecords } from '../formats/index.ts';
import type { RecordWriter } from '../formats/types.ts';
import { throwIfAborted } from '../cancel.ts';
import { captureTarget, replacementSource, type RunOverrides, type SourceWithRecords } from './overrides.ts';
import type { DataPlan } from './plan.ts';
import type { RunMessage, StepLog } from './run-log.ts';

/** What one attempt records as it goes; the run log is built from it. */
export interface AttemptRecorder {
  steps: StepLog[];
  preview: Record<string, unknown[]>;
  previewLimit: number;
  sources: string[];
  targets: string[];
  messages: RunMessage[];
  onProgress(step: StepLog): void;
  /** Opens a sink for every record of a step (debug mode), or undefined. */
  debugSink?(index: number, step: StepLog): WriteStream | undefined;
}

interface StepState {
  log: StepLog;
  /** Key of the step in the preview: its name, made unique when two steps share one. */
  previewKey: string;
  debug?: WriteStream;
}

/**
 * Runs one attempt of a planned operation: streams records from each source through the
 * transformations into every target. Targets receive bytes in a temporary place and are
 * committed only once every record has gone through; on any failure before that the
 * targets are aborted and existing files stay as they were. After-read actions run once the
 * targets are committed; they cannot undo the commit, so their failures are warnings.
 * With `overrides`, sources may be replaced and targets captured instead of committed.
 */
export async function executePlan(plan: DataPlan, ctx: ConnectorContext, rec: AttemptRecorder, overrides?: RunOverrides): Promise<void> {
  const states: StepState[] = [];
  const step = (name: string, kind: StepLog['kind']): StepState => {
    const log: StepLog = { name, kind, recordsIn: 0, recordsOut: 0, ms: 0 };
    let previewKey = name;
    for (let n = 2; previewKey in rec.preview; n++) previewKey = `${name} (${n})`;
    rec.preview[previewKey] = [];
    const debug = rec.debugSink?.(rec.steps.length, log);
    debug?.on('error', (err) => rec.messages.push({ level: 'warning', code: 'RUN_DEBUG_FAILED', text: `debug capture of "${name}" stopped: ${err.message}` }));
    rec.steps.push(log);
    states.push({ log, previewKey, debug });
    return states[states.length - 1];
  };
  const readStep = step(plan.read.name, 'read');
  const transformSteps = plan.transforms.map((t) => ({ ...t, state: step(t.name, 'transform') }));
  const writeSteps = plan.writes.map((w) => ({ ...w, state: step(w.name, 'write') }));
  const observe = (s: StepState, batch: RecordBatch) => {
    const preview = rec.preview[s.previewKey];
    for (let i = 0; preview.length < rec.previewLimit && i < batch.length; i++) preview.push(batch[i]);
    s.debug?.write(batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
  };
  const timed = async <T>(s: StepState, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } catch (err) {
      throw inStep(err, s.log.name);
    } finally {
      s.log.ms += performance.now() - started;
    }
  };

  const targets: Target[] = [];
  const capture = overrides?.capture;
  let sources: SourceWithRecords[];
  try {
    // Open every target first: a missing target folder fails the run before anything is read.
    const writers: RecordWriter[] = [];
    for (const w of writeSteps) {
      const target = capture ? captureTarget(ctx, w, capture) : await timed(w.state, () => w.connector.openTarget(ctx, w.endpoint, w.activity));
      targets.push(target);
      writers.push(createRecordWriter(target.stream, w.activity.format, { appending: target.appending, targetName: target.name }));
    }
    const replacement = overrides?.source?.(plan.read);
    sources = replacement ? [replacementSource(replacement)] : await timed(readStep, () => plan.read.connector.listSources(ctx, plan.read.endpoint, plan.read.activity));
    if (sources.length === 0) {
      // Nothing to read (the activity allows it): leave the targets as they are rather than
      // replace them with empty documents.
      for (const target of targets) await target.abort();
      rec.messages.push({ level: 'info', code: 'RUN_NO_SOURCE', text: 'no source matched; nothing was written', step: readStep.log.name });
      return;
    }

    for (const source of sources) {
      rec.sources.push(source.name);
      const onWarning = ({ code, text, file }: { code: string; text: string; file: string }) =>
        rec.messages.push({ level: 'warning', code, text, file, step: readStep.log.name });
      const records = source.records ? oneBatch(source.records) : readRecords(source.open(), plan.read.activity.format, { sourceName: source.name, signal: ctx.signal, onWarning });
      const batches = records[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await timed(readStep, () => batches.next());
          if (next.done) break;
          throwIfAborted(ctx.signal);
          let batch = next.value;
          readStep.log.recordsIn += batch.length;
          readStep.log.recordsOut += batch.length;
          observe(readStep, batch);

          for (const ts of transformSteps) {
            const started = performance.now();
            batch = transformBatch(ts.run, batch, ctx.globals, ts.state.log);
            ts.state.log.ms += performance.now() - started;
            observe(ts.state, batch);
          }
          for (let w = 0; w < writeSteps.length; w++) {
            const ws = writeSteps[w].state;
            await timed(ws, () => writers[w].write(batch));
            ws.log.recordsIn += batch.length;
            ws.log.recordsOut += batch.length;
            observe(ws, batch);
          }
          rec.onProgress(writeSteps.at(-1)?.state.log ?? readStep.log);
        }
      } finally {
        // Closes the source (and its file handle) when a later step failed mid-file.
        await batches.return?.();
      }
    }
    for (let w = 0; w < writeSteps.length; w++) await timed(writeSteps[w].state, () => writers[w].end());
    throwIfAborted(ctx.signal);
    for (let w = 0; w < writeSteps.length; w++) {
      await timed(writeSteps[w].state, () => targets[w].commit());
      // A captured target was not written: the run log lists only what was.
      if (!capture) rec.targets.push(targets[w].name);
    }
  } catch (err) {
    for (const target of targets) {
      target.stream.destroy();
      await target.abort().catch(() => undefined);
    }
    throw err;
  } finally {
    await Promise.all(states.map(({ debug }) => debug && new Promise((resolve) => debug.end(resolve))));
  }
  // A capturing run changes nothing outside the chain, sources included.
  if (!capture) await runAfterRead(sources, rec, readStep.log.name);
}

async function* oneBatch(records: RecordBatch): AsyncGenerator<RecordBatch> {
  if (records.length > 0) yield records;
}

/**
 * After-read actions, once the targets are committed. A source that is also one of the
 * targets just written (same path) is left alone: deleting or renaming it would lose the
 * new data.
 */
async function runAfterRead(sources: Source[], rec: AttemptRecorder, step: string): Promise<void> {
  const written = new Set(rec.targets);
  for (const source of sources) {
    if (written.has(source.name)) {
      rec.messages.push({ level: 'warning', code: 'RUN_AFTER_READ_SKIPPED', text: `${source.name} was also written by this run; its after-read action was not applied`, step, file: source.name });
      continue;
    }
    try {
      await source.afterRead();
    } catch (err) {
      const e = toChorusError(err, 'SOURCE_UNREADABLE');
      rec.messages.push({ level: 'warning', code: e.code, text: `after-read action failed (the targets were written): ${e.message}`, step, file: source.name });
    }
  }
}

/** Names the step in an error that does not say where it happened. */
export function inStep(err: unknown, step: string): ChorusError {
  const e = toChorusError(err);
  if (e.location.step !== undefined) return e;
  return new ChorusError(e.code, e.message, { ...e.location, step }, e.transient, { cause: err });
}

function transformBatch(run: DataPlan['transforms'][number]['run'], batch: RecordBatch, globals: Map<string, unknown>, log: StepLog): RecordBatch {
  const out: DataRecord[] = [];
  for (let i = 0; i < batch.length; i++) {
    let produced: DataRecord[];
    try {
      produced = run(batch[i], globals);
    } catch (err) {
      log.recordsIn += i;
      log.recordsOut += out.length;
      const e = toChorusError(err, 'TRANSFORM_TYPE');
      throw new ChorusError(e.code, e.message, { ...e.location, step: log.name, record: log.recordsIn }, e.transient, { cause: err });
    }
    for (const r of produced) out.push(r);
  }
  log.recordsIn += batch.length;
  log.recordsOut += out.length;
  return out;
}
