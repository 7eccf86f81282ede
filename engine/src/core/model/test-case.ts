import { z } from 'zod';
import { componentBase, idSchema, scalarSchema } from './common.ts';

/** A project test: runs an operation with given variables and checks the outcome. */
export const testCaseSchema = z.strictObject({
  ...componentBase,
  operation: idSchema,
  variables: z.record(z.string(), scalarSchema).default({}),
  expect: z
    .strictObject({
      status: z.enum(['succeeded', 'failed']).default('succeeded'),
    })
    .default({ status: 'succeeded' }),
});
export type TestCase = z.output<typeof testCaseSchema>;
export type TestCaseDoc = z.input<typeof testCaseSchema>;
