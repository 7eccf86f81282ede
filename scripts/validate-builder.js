// Validates electron-builder.yml against electron-builder's own JSON schema, offline.
import Ajv from 'ajv';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
// strict: false because the schema uses keywords Ajv does not know in strict mode.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const file = process.argv[2] ?? 'electron-builder.yml';
const config = yaml.load(fs.readFileSync(file, 'utf8'));
if (validate(config)) {
  console.log(`${file}: valid`);
} else {
  for (const e of validate.errors ?? []) console.error(`${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  process.exit(1);
}
