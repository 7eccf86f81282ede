import type { WriteStream } from 'node:fs';
import type { ConnectorContext, Source, Target } from '../connectors/types.ts';
import { ChorusError, toChorusError } from '../core/errors.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import { createRecordWriter, readRecords } from '../formats/index.ts';
import type { RecordWriter } from '../formats/types.ts';
import { throwIfAborted } from '../cancel.ts';
import type { Plan } from './plan.ts';
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

/**
 * Runs one attempt of a planned operation: streams records from each source through the
 * transformations into every target. Targets receive bytes in a temporary place and are
 * committed, and sources' after-read actions run, only once everything has succeeded; on
 * any failure the targets are aborted and existing files stay as they were.
 */
export async function executePlan(plan: Plan, ctx: ConnectorContext, rec: AttemptRecorder): Promise<void> {
  const step = (name: string, kind: StepLog['kind']): StepLog => {
    const s: StepLog = { name, kind, recordsIn: 0, recordsOut: 0, ms: 0 };
    rec.steps.push(s);
    rec.preview[name] = [];
    return s;
  };
  const readStep = step(plan.read.name, 'read');
  const transformSteps = plan.transforms.map((t) => ({ ...t, log: step(t.name, 'transform') }));
  const writeSteps = plan.writes.map((w) => ({ ...w, log: step(w.name, 'write') }));
  const debug = rec.steps.map((s, i) => rec.debugSink?.(i, s));
  const observe = (index: number, s: StepLog, batch: RecordBatch) => {
    const preview = rec.preview[s.name];
    for (let i = 0; preview.length < rec.previewLimit && i < batch.length; i++) preview.push(batch[i]);
    const sink = debug[index];
    if (sink) sink.write(batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
  };

  const targets: Target[] = [];
  const sources: Source[] = [];
  try {
    // Open every target first: a missing target folder fails the run before anything is read.
    const writers: RecordWriter[] = [];
    for (const w of writeSteps) {
      const started = performance.now();
      const target = await w.connector.openTarget(ctx, w.endpoint, w.activity);
      targets.push(target);
      writers.push(createRecordWriter(target.stream, w.activity.format, { appending: target.appending, targetName: target.name }));
      w.log.ms += performance.now() - started;
    }
    let started = performance.now();
    sources.push(...(await plan.read.connector.listSources(ctx, plan.read.endpoint, plan.read.activity)));
    readStep.ms += performance.now() - started;
    if (sources.length === 0) {
      // Nothing to read (the activity allows it): leave the targets as they are rather than
      // replace them with empty documents.
      for (const target of targets) await target.abort();
      rec.messages.push({ level: 'info', code: 'RUN_NO_SOURCE', text: 'no source matched; nothing was written', step: readStep.name });
      return;
    }

    for (const source of sources) {
      rec.sources.push(source.name);
      const batches = readRecords(source.open(), plan.read.activity.format, { sourceName: source.name, signal: ctx.signal })[Symbol.asyncIterator]();
      for (;;) {
        started = performance.now();
        const next = await batches.next().catch((err: unknown) => {
          throw inStep(err, readStep.name);
        });
        readStep.ms += performance.now() - started;
        if (next.done) break;
        throwIfAborted(ctx.signal);
        let batch = next.value;
        readStep.recordsIn += batch.length;
        readStep.recordsOut += batch.length;
        observe(0, readStep, batch);

        for (let t = 0; t < transformSteps.length; t++) {
          const ts = transformSteps[t];
          started = performance.now();
          batch = transformBatch(ts.run, batch, ctx.globals, ts.log);
          ts.log.ms += performance.now() - started;
          observe(1 + t, ts.log, batch);
        }
        for (let w = 0; w < writeSteps.length; w++) {
          const ws = writeSteps[w];
          started = performance.now();
          await writers[w].write(batch).catch((err: unknown) => {
            throw inStep(err, ws.log.name);
          });
          ws.log.ms += performance.now() - started;
          ws.log.recordsIn += batch.length;
          ws.log.recordsOut += batch.length;
          observe(1 + transformSteps.length + w, ws.log, batch);
        }
        rec.onProgress(writeSteps.at(-1)?.log ?? readStep);
      }
    }
    for (let w = 0; w < writeSteps.length; w++) {
      started = performance.now();
      await writers[w].end();
      writeSteps[w].log.ms += performance.now() - started;
    }
    throwIfAborted(ctx.signal);
    for (let w = 0; w < writeSteps.length; w++) {
      started = performance.now();
      await targets[w].commit();
      rec.targets.push(targets[w].name);
      writeSteps[w].log.ms += performance.now() - started;
    }
    for (const source of sources) await source.afterRead();
  } catch (err) {
    for (const target of targets) {
      target.stream.destroy();
      await target.abort().catch(() => undefined);
    }
    throw err;
  } finally {
    await Promise.all(debug.map((sink) => sink && new Promise((resolve) => sink.end(resolve))));
  }
}

/** Names the step in an error that does not say where it happened. */
function inStep(err: unknown, step: string): ChorusError {
  const e = toChorusError(err);
  if (e.location.step !== undefined) return e;
  return new ChorusError(e.code, e.message, { ...e.location, step }, e.transient, { cause: err });
}

function transformBatch(run: Plan['transforms'][number]['run'], batch: RecordBatch, globals: Map<string, unknown>, log: StepLog): RecordBatch {
  const out: DataRecord[] = [];
  for (let i = 0; i < batch.length; i++) {
    let produced: DataRecord[];
    try {
      produced = run(batch[i], globals);
    } catch (err) {
      const e = toChorusError(err, 'TRANSFORM_TYPE');
      throw new ChorusError(e.code, e.message, { ...e.location, step: log.name, record: log.recordsIn + i }, e.transient, { cause: err });
    }
    for (const r of produced) out.push(r);
  }
  log.recordsIn += batch.length;
  log.recordsOut += out.length;
  return out;
}
