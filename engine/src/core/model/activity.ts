import { z } from 'zod';
import { componentBase, idSchema } from './common.ts';
import { formatSchema } from './format.ts';

/** What happens to a source file once the operation that read it has succeeded. */
export const afterReadSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({ action: z.literal('delete') }),
  /** `to` may use `[file]` (the original name) and variables, e.g. `[file].done`. */
  z.strictObject({ action: z.literal('rename'), to: z.string().min(1) }),
  /** Moves the file into `folder` (relative to the endpoint folder unless absolute). */
  z.strictObject({ action: z.literal('move'), folder: z.string().min(1) }),
]);
export type AfterRead = z.output<typeof afterReadSchema>;
export type AfterReadDoc = z.input<typeof afterReadSchema>;

const activityBase = {
  ...componentBase,
  /** Id of the endpoint this activity uses. */
  endpoint: idSchema,
  format: formatSchema,
  /** Optional schema describing the records, for designing mappings (values are typed by a transformation's target schema). */
  schema: idSchema.optional(),
};

export const readActivitySchema = z.strictObject({
  ...activityBase,
  type: z.literal('read'),
  /** Glob of file names to read in the endpoint folder, e.g. `orders-*.csv`. */
  filter: z.string().min(1).default('*'),
  /** When no file matches: fail the operation, or succeed with no records. */
  ifNone: z.enum(['fail', 'succeed']).default('fail'),
  afterRead: afterReadSchema.default({ action: 'keep' }),
});

export const writeActivitySchema = z.strictObject({
  ...activityBase,
  type: z.literal('write'),
  /** Name of the file to write; may use variables such as `orders-[runId].json`. */
  fileName: z.string().min(1).default('output'),
  /** overwrite replaces the file; append adds to it; unique adds a counter when the name is taken. */
  mode: z.enum(['overwrite', 'append', 'unique']).default('overwrite'),
});

export const activitySchema = z.discriminatedUnion('type', [readActivitySchema, writeActivitySchema]);
export type Activity = z.output<typeof activitySchema>;
export type ActivityDoc = z.input<typeof activitySchema>;
export type ReadActivity = z.output<typeof readActivitySchema>;
export type ReadActivityDoc = z.input<typeof readActivitySchema>;
export type WriteActivity = z.output<typeof writeActivitySchema>;
export type WriteActivityDoc = z.input<typeof writeActivitySchema>;
