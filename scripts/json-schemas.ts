// The published JSON Schemas of the project files, generated from the zod schemas the engine
// validates with, so editors and other tools check files exactly as `chorus validate` does
// (cross-file checks aside). `npm run schemas` writes them to docs/schemas/; a test keeps the
// committed copies up to date.
import { z } from 'zod';
import { canonicalJson } from '../engine/src/core/json.ts';
import { manifestSchema } from '../engine/src/core/model/manifest.ts';
import { componentKindNames, componentKinds } from '../engine/src/core/model/project.ts';

export function projectFileSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, title: string, schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    out.set(`${name}.schema.json`, canonicalJson({ ...json, $id: `urn:chorus-studio:schema:${name}`, title }));
  };
  add('chorus', 'Chorus project manifest (chorus.json)', manifestSchema);
  for (const kind of componentKindNames) {
    const { folder, label, schema } = componentKinds[kind];
    add(label, `Chorus ${label} (${folder}/<id>.json)`, schema);
  }
  return out;
}
