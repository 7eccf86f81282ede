import { mkdir, writeFile } from 'node:fs/promises';
import { projectFileSchemas } from './json-schemas.ts';

const dir = new URL('../docs/schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [name, text] of projectFileSchemas()) {
  await writeFile(new URL(name, dir), text);
  console.log(`docs/schemas/${name}`);
}
