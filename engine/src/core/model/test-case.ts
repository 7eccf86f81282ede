import { z } from 'zod';
import { componentBase, idSchema, jsonValueSchema, scalarSchema } from './common.ts';
import { formatSchema } from './format.ts';

/** Fixture and golden files live in the project's `tests/fixtures/` folder, so they travel with it (sync, bundles). */
export const FIXTURES_FOLDER = 'tests/fixtures/';

const fixtureFile = z
  .string()
  .refine((f) => f.startsWith(FIXTURES_FOLDER) && !f.split('/').includes('..') && !f.includes('\\'), `must be a path under ${FIXTURES_FOLDER}, with "/" and no ".."`);

const recordSchema = z.record(z.string(), jsonValueSchema);

/**
 * Data a test reads instead of a real source: a file (parsed with the read activity's format,
 * or `format`) or inline records. Exactly one of `file` and `records` (checked by validation,
 * which says which is missing).
 */
export const fixtureSchema = z.strictObject({
  file: fixtureFile.optional(),
  records: z.array(recordSchema).optional(),
  /** Layout of `file`; defaults to the read activity's format. Needed where there is no activity (a transformation test). */
  format: formatSchema.optional(),
});
export type Fixture = z.output<typeof fixtureSchema>;

/** What a write is expected to produce: a golden file or inline records, compared structurally. */
export const expectedOutputSchema = z.strictObject({
  /** Golden file, compared as a document of the write activity's format (or `format`). */
  file: fixtureFile.optional(),
  /** Inline records, compared with the records the target format reads back from the output. */
  records: z.array(recordSchema).optional(),
  format: formatSchema.optional(),
  /** Paths left out of the comparison (generated ids, timestamps): `orders[*].createdAt`, `*` matches any key or index. */
  ignore: z.array(z.string().min(1)).default([]),
  /** Compare the records as a multiset: the order they were written in does not matter. */
  unordered: z.boolean().default(false),
});
export type ExpectedOutput = z.output<typeof expectedOutputSchema>;

export const expectedMessageSchema = z.strictObject({
  /** Stable code, e.g. `TRANSFORM_TYPE`. */
  code: z.string().min(1),
  level: z.enum(['info', 'warning', 'error']).optional(),
  /** Exact number of such messages in the run chain; without it, at least one. */
  count: z.number().int().min(0).optional(),
});

export const stepCountsSchema = z.strictObject({
  recordsIn: z.number().int().min(0).optional(),
  recordsOut: z.number().int().min(0).optional(),
});

/**
 * A project test: runs an operation (or one transformation) on fixtures instead of real
 * sources, captures every write in memory instead of writing it, and checks the outcome.
 * Exactly one of `operation` and `transformation`.
 */
export const testCaseSchema = z.strictObject({
  ...componentBase,
  operation: idSchema.optional(),
  transformation: idSchema.optional(),
  /** Global variables of the run, as with `--var`. */
  variables: z.record(z.string(), scalarSchema).default({}),
  /** Replaces the sources of read activities, by read activity id. */
  inputs: z.record(idSchema, fixtureSchema).default({}),
  /** Replaces an endpoint: every read activity using it reads the fixture, so the test never reaches the real system. */
  endpoints: z.record(idSchema, fixtureSchema).default({}),
  /** The records a transformation test maps. */
  input: fixtureSchema.optional(),
  /** A reason to skip the test for now; skipped tests are counted, not run. */
  skip: z.string().min(1).optional(),
  expect: z
    .strictObject({
      /** Outcome of the operation the test names (its chained operations are checked through outputs and messages). */
      status: z.enum(['succeeded', 'failed']).default('succeeded'),
      /** Expected output per write activity id. */
      outputs: z.record(idSchema, expectedOutputSchema).default({}),
      /** Expected output of a transformation test. */
      output: expectedOutputSchema.optional(),
      /** Record counts per step of the operation, by the step's component id (activity, transformation or script). */
      steps: z.record(idSchema, stepCountsSchema).default({}),
      /** Messages the run chain must report. */
      messages: z.array(expectedMessageSchema).default([]),
    })
    .default({ status: 'succeeded', outputs: {}, steps: {}, messages: [] }),
});
export type TestCase = z.output<typeof testCaseSchema>;
export type TestCaseDoc = z.input<typeof testCaseSchema>;
