import { z } from 'zod';
import { nameSchema } from './common.ts';

/** Version of the on-disk format this engine writes. Older versions are migrated on load. */
export const FORMAT_VERSION = 1;

/** `chorus.json` at the root of a project folder. */
export const manifestSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  /** Identity of the project across renames, copies, the repository and bundles. */
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6-64 letters, digits, "-" or "_"'),
  name: nameSchema,
  description: z.string().optional(),
});
export type Manifest = z.output<typeof manifestSchema>;
