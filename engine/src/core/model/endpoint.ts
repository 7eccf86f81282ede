import { z } from 'zod';
import { componentBase } from './common.ts';

/**
 * An endpoint is a configured connection. Its `settings` depend on its `kind`; each kind
 * registers its settings schema here (the model is pure, so the renderer validates endpoint
 * forms with the same schemas the engine uses). Connectors in the Node part implement them.
 * Any string setting may contain `[name]` references to project or global variables.
 */
export const endpointSchema = z.strictObject({
  ...componentBase,
  kind: z.string().min(1),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type Endpoint = z.output<typeof endpointSchema>;
export type EndpointDoc = z.input<typeof endpointSchema>;

export const fileEndpointSettings = z.strictObject({
  /** Folder on the machine that runs the project; relative paths are relative to the project folder. */
  folder: z.string().min(1, 'a folder is required'),
});
export const tempEndpointSettings = z.strictObject({});
export const variableEndpointSettings = z.strictObject({
  /** Name of the global variable (without `$`) that holds the document. */
  variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'must be a variable name such as "orderDoc"'),
});

const endpointKinds = new Map<string, z.ZodType>([
  ['file', fileEndpointSettings],
  ['temp', tempEndpointSettings],
  ['variable', variableEndpointSettings],
]);

/** Lets a connector plugin declare a new endpoint kind and the shape of its settings. */
export function registerEndpointKind(kind: string, settings: z.ZodType): void {
  endpointKinds.set(kind, settings);
}

export function endpointSettingsSchema(kind: string): z.ZodType | undefined {
  return endpointKinds.get(kind);
}

export function knownEndpointKinds(): string[] {
  return [...endpointKinds.keys()].sort();
}
