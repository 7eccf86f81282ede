import { z } from 'zod';
import { componentBase, idSchema } from './common.ts';

/** A canvas grouping operations; the order of `operations` is the order shown in the explorer. */
export const workflowSchema = z.strictObject({
  ...componentBase,
  operations: z.array(idSchema),
  /** Position of each operation on the canvas, by operation id. */
  layout: z.record(idSchema, z.strictObject({ x: z.number(), y: z.number() })).default({}),
});
export type Workflow = z.output<typeof workflowSchema>;
export type WorkflowDoc = z.input<typeof workflowSchema>;
