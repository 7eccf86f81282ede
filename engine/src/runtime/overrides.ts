import { Readable, Writable } from 'node:stream';
import type { Connector, ConnectorContext, Source, Target } from '../connectors/types.ts';
import { finishWriting } from '../connectors/common.ts';
import { ChorusError } from '../core/errors.ts';
import type { ReadActivity, WriteActivity } from '../core/model/activity.ts';
import type { Endpoint } from '../core/model/endpoint.ts';
import type { Format } from '../core/model/format.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';

/**
 * Replaces what a run reads and writes, for tests and dry runs. Normal runs have none, and
 * the runtime checks for them once per source list and per target, never per record.
 */
export interface RunOverrides {
  /** What a read step reads instead of its endpoint's sources, or undefined to read them. */
  source?(read: { activity: ReadActivity; endpoint: Endpoint }): Replacement | undefined;
  /**
   * When set, every write (write steps and scripts' WriteFile) goes to memory and is handed
   * here instead of being committed, and after-read actions do not run: nothing changes
   * outside the run chain.
   */
  capture?(output: CapturedOutput): void;
}

/** Data read instead of a real source: bytes parsed with the activity's format, or records as they are. */
export type Replacement = { name: string; bytes: Uint8Array } | { name: string; records: DataRecord[] };

/** What a write would have written. */
export interface CapturedOutput {
  /** Id of the write activity. */
  activity: string;
  /** Name of the step (or `WriteFile` for a script's write). */
  step: string;
  endpoint: string;
  /** The file name the write would have used, variables substituted. */
  fileName: string;
  format: Format;
  bytes: Buffer;
}

/** A source whose records are already parsed (inline fixture records). */
export type SourceWithRecords = Source & { records?: RecordBatch };

export function replacementSource(replacement: Replacement): SourceWithRecords {
  const afterRead = async () => undefined;
  if ('records' in replacement) return { name: replacement.name, records: replacement.records, open: () => Readable.from([]), afterRead };
  return { name: replacement.name, open: () => Readable.from([Buffer.from(replacement.bytes)]), afterRead };
}

/**
 * Endpoint kinds whose data lives only as long as the run chain (a temp folder, a global
 * variable). Captured writes to them still happen, so a chained operation reads what an
 * earlier one wrote, exactly as in a real run.
 */
const CHAIN_PRIVATE_KINDS = new Set(['temp', 'variable']);

export interface CaptureStep {
  name: string;
  activity: WriteActivity;
  endpoint: Endpoint;
  connector: Connector;
}

/** A target that keeps its bytes in memory and hands them to `capture` on commit. */
export function captureTarget(ctx: ConnectorContext, step: CaptureStep, capture: NonNullable<RunOverrides['capture']>): Target {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  let state: 'open' | 'committed' | 'aborted' = 'open';
  return {
    name: step.activity.fileName,
    stream,
    appending: false,
    async commit() {
      if (state !== 'open') throw new ChorusError('INTERNAL', `${step.name} was already ${state}`);
      state = 'committed';
      await finishWriting(stream);
      const bytes = Buffer.concat(chunks);
      capture({ activity: step.activity.id, step: step.name, endpoint: step.endpoint.id, fileName: step.activity.fileName, format: step.activity.format, bytes });
      if (!CHAIN_PRIVATE_KINDS.has(step.endpoint.kind)) return;
      const real = await step.connector.openTarget(ctx, step.endpoint, step.activity);
      real.stream.end(bytes);
      await real.commit();
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      stream.destroy();
    },
  };
}
