import { z } from 'zod';
import { componentBase, scalarSchema } from './common.ts';

/**
 * A project variable: declared once, with a default, overridable per run (`--var`).
 * A secret variable has no default in the project: its value lives in the vault under
 * the key `variable:<name>`.
 */
export const projectVariableSchema = z
  .strictObject({
    ...componentBase,
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'must be a variable name such as "targetFolder"'),
    type: z.enum(['string', 'number', 'boolean']).default('string'),
    default: scalarSchema.optional(),
    secret: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.secret && v.default !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'a secret variable keeps its value in the vault, not in the project' });
    }
  });
export type ProjectVariable = z.output<typeof projectVariableSchema>;
export type ProjectVariableDoc = z.input<typeof projectVariableSchema>;

export function secretKeyOfVariable(name: string): string {
  return `variable:${name}`;
}
