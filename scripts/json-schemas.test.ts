import { readFile, readdir } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { projectFileSchemas } from './json-schemas.ts';

const dir = new URL('../docs/schemas/', import.meta.url);

describe('published JSON Schemas of project files', () => {
  it('are up to date (run npm run schemas after changing the model)', async () => {
    const generated = projectFileSchemas();
    expect((await readdir(dir)).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(await readFile(new URL(name, dir), 'utf8'), name).toBe(text);
  });

  it('accept the example files and reject an unknown field, as the engine does', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const schemas = projectFileSchemas();
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const validate = (name: string) => {
      if (!compiled.has(name)) compiled.set(name, ajv.compile(JSON.parse(schemas.get(name)!)));
      return compiled.get(name)!;
    };
    const example = new URL('../resources/examples/csv-orders-to-json/', import.meta.url);
    const operation = JSON.parse(await readFile(new URL('operations/convert-orders.json', example), 'utf8'));
    const transformation = JSON.parse(await readFile(new URL('transformations/row-to-order.json', example), 'utf8'));
    expect(validate('operation.schema.json')(operation)).toBe(true);
    expect(validate('transformation.schema.json')(transformation)).toBe(true);
    expect(validate('operation.schema.json')({ ...operation, bogus: 1 })).toBe(false);
    expect(validate('chorus.schema.json')({ formatVersion: 1, id: 'abcdef', name: 'x', extra: true })).toBe(false);
  });
});
