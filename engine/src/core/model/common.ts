import { z } from 'zod';

/**
 * Component ids are stable (renames keep them) and name the component's file, so they are
 * restricted to characters every file system accepts in any case.
 */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit');

export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

export const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalarSchema>;

/** A JSON value, as found in constants and variable values. */
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([scalarSchema, z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

/** Fields every component has. */
export const componentBase = {
  id: idSchema,
  name: nameSchema,
  description: z.string().optional(),
};
