import { z } from 'zod';
import { componentBase, idSchema } from './common.ts';

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('read'), activity: idSchema }),
  z.strictObject({ kind: z.literal('transform'), transformation: idSchema }),
  z.strictObject({ kind: z.literal('write'), activity: idSchema }),
  z.strictObject({ kind: z.literal('script'), script: idSchema }),
]);
export type Step = z.output<typeof stepSchema>;

/** Id of the component a step uses (activity, transformation or script). */
export function stepComponent(step: Step): string {
  return step.kind === 'transform' ? step.transformation : step.kind === 'script' ? step.script : step.activity;
}

/** Timers cannot wait longer than 2^31 - 1 ms; this keeps every wait below that. */
const MAX_WAIT_SECONDS = 2_000_000;

export const operationOptionsSchema = z.strictObject({
  /** The run is cancelled when it takes longer; 0 means no limit. */
  timeoutSeconds: z.number().min(0).max(MAX_WAIT_SECONDS, 'must be at most 2,000,000 s (about 23 days)').default(0),
  /** Retries after a transient fault (busy file, dropped connection), with exponential backoff. */
  retries: z
    .strictObject({
      count: z.number().int().min(0).max(100).default(0),
      delaySeconds: z.number().min(0).max(MAX_WAIT_SECONDS, 'must be at most 2,000,000 s (about 23 days)').default(1),
      factor: z.number().min(1).default(2),
    })
    .default({ count: 0, delaySeconds: 1, factor: 2 }),
  /** Debug mode keeps every record of every step in the run folder, not only the preview. */
  debug: z.boolean().default(false),
  /** Records kept per step in the run log's preview. */
  previewRecords: z.number().int().min(0).max(10_000).default(10),
});

export const operationSchema = z.strictObject({
  ...componentBase,
  /**
   * read, then any number of transforms, then one or more writes; or one script step.
   * The order is checked by project validation, which says what is wrong.
   */
  steps: z.array(stepSchema),
  options: operationOptionsSchema.default({
    timeoutSeconds: 0,
    retries: { count: 0, delaySeconds: 1, factor: 2 },
    debug: false,
    previewRecords: 10,
  }),
  /** Operations run after this one succeeds, in order, sharing its global variables. */
  onSuccess: z.array(idSchema).default([]),
  /** Operations run after this one fails (e.g. to write an error report). */
  onFailure: z.array(idSchema).default([]),
});
export type Operation = z.output<typeof operationSchema>;
export type OperationDoc = z.input<typeof operationSchema>;
export type OperationOptions = z.output<typeof operationOptionsSchema>;
