import { z } from 'zod';
import { componentBase, idSchema, jsonValueSchema, type JsonValue } from './common.ts';
import { fieldTypes, type FieldType } from './schema.ts';

/**
 * One target field and how it gets its value: exactly one of
 * - `from`: a source path (see docs/project-format.md, "Source paths"),
 * - `const`: a constant JSON value,
 * - `formula`: a Chorus Script formula (needs the script engine),
 * - `fields`: child target fields (makes an object).
 * With `loop`, the field becomes an array holding one item per instance found at the loop
 * path; paths inside it are relative to that instance.
 */
export interface TargetField {
  name: string;
  from?: string;
  const?: JsonValue;
  formula?: string;
  fields?: TargetField[];
  loop?: string;
  /** Convert the value to this type (CSV values arrive as text). */
  type?: FieldType;
}

const valueSources = ['from', 'const', 'formula', 'fields'] as const;

export const targetFieldSchema: z.ZodType<TargetField> = z.lazy(() =>
  z
    .strictObject({
      name: z.string().min(1),
      from: z.string().min(1).optional(),
      const: jsonValueSchema.optional(),
      formula: z.string().min(1).optional(),
      fields: z.array(targetFieldSchema).optional(),
      loop: z.string().min(1).optional(),
      type: z.enum(fieldTypes).optional(),
    })
    .superRefine((field, ctx) => {
      const given = valueSources.filter((key) => field[key] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `target field "${field.name}" needs exactly one of ${valueSources.join(', ')} (has ${given.length ? given.join(', ') : 'none'})`,
        });
      }
      if (field.type !== undefined && field.fields !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'a field with child fields is an object; "type" applies to values only' });
      }
    }),
);

export const transformationSchema = z.strictObject({
  ...componentBase,
  /** Schemas of the source and target records: both guide the mapping editor; the target's field types convert values. */
  source: idSchema.optional(),
  target: idSchema.optional(),
  /** When set, each source record yields one target record per instance at this path. */
  loop: z.string().min(1).optional(),
  fields: z.array(targetFieldSchema),
});
export type Transformation = z.output<typeof transformationSchema>;
export type TransformationDoc = z.input<typeof transformationSchema>;
