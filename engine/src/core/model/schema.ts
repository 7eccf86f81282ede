import { z } from 'zod';
import { componentBase } from './common.ts';

export const fieldTypes = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'object', 'any'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** One node of a document tree. */
export interface Field {
  name: string;
  type?: FieldType;
  /** The field occurs any number of times (an array in JSON, a repeated element in XML). */
  repeating?: boolean;
  required?: boolean;
  /** In XML, the field is an attribute of its parent element. */
  attribute?: boolean;
  children?: Field[];
}

export const fieldSchema: z.ZodType<Field> = z.lazy(() =>
  z.strictObject({
    name: z.string().min(1),
    type: z.enum(fieldTypes).optional(),
    repeating: z.boolean().optional(),
    required: z.boolean().optional(),
    attribute: z.boolean().optional(),
    children: z.array(fieldSchema).optional(),
  }),
);

/** A schema describes one record: `fields` are the record's top-level fields. */
export const schemaSchema = z.strictObject({
  ...componentBase,
  fields: z.array(fieldSchema),
});
export type Schema = z.output<typeof schemaSchema>;
export type SchemaDoc = z.input<typeof schemaSchema>;
