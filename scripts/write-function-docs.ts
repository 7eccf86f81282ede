import { writeFile } from 'node:fs/promises';
import { renderFunctionDocs } from './function-docs.ts';

await writeFile(new URL('../docs/script/functions.md', import.meta.url), renderFunctionDocs());
console.log('docs/script/functions.md');
