/**
 * Renders docs/script/functions.md from the function library's metadata, so the reference
 * can never drift from what the engine runs (a test checks the file is current).
 */
import { builtinFunctions } from '../engine/src/core/script/functions/index.ts';
import { categoryTitles, type Category, type FunctionExample, type FunctionSpec, type Signature } from '../engine/src/core/script/functions/types.ts';

export function signatureText(name: string, s: Signature): string {
  let optionalDepth = 0;
  const parts: string[] = [];
  s.params.forEach((p, i) => {
    const sep = i === 0 ? '' : ', ';
    const text = `${p.type} ${p.name}${p.default !== undefined ? ` = ${p.default}` : ''}${p.rest ? ', …' : ''}`;
    if ((p.optional || p.rest) && optionalDepth === 0) {
      parts.push(`[${sep}${text}`);
      optionalDepth = 1;
    } else parts.push(`${sep}${text}`);
  });
  return `${name}(${parts.join('')}${optionalDepth ? ']' : ''}) → ${s.returns}`;
}

function exampleText(e: FunctionExample): string {
  const outcome =
    e.error !== undefined ? `error ${e.error}` : e.matches !== undefined ? `matches /${e.matches}/` : `${e.result?.type} ${JSON.stringify(e.result?.value)}`;
  return `| \`${e.code.replace(/\|/g, '\\|').replace(/\n/g, ' ')}\` | ${outcome.replace(/\|/g, '\\|')} |${e.note ? ` ${e.note} |` : ' |'}`;
}

function functionSection(f: FunctionSpec): string {
  const lines = [`### ${f.name}`, ''];
  for (const s of f.signatures) lines.push(`    ${signatureText(f.name, s)}`);
  lines.push('', f.summary, '');
  if (f.aliases?.length) lines.push(`Also written ${f.aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
  if (f.intrinsic) lines.push('Its arguments are evaluated only when needed.', '');
  if (f.async) lines.push('Waits for its work: it can be called from script steps, not from mapping formulas.', '');
  if (f.needs) lines.push(`Needs ${f.needs}, which this version does not provide: calls fail with \`SCRIPT_NEEDS_CAPABILITY\`.`, '');
  const params = f.signatures.flatMap((s) => s.params).filter((p, i, all) => p.description && all.findIndex((q) => q.name === p.name) === i);
  if (params.length) {
    lines.push(...params.map((p) => `- \`${p.name}\`: ${p.description}`), '');
  }
  if (f.examples.length) {
    lines.push('| example | result | |', '| --- | --- | --- |', ...f.examples.map(exampleText), '');
  }
  return lines.join('\n');
}

export function renderFunctionDocs(functions: readonly FunctionSpec[] = builtinFunctions): string {
  const byCategory = new Map<Category, FunctionSpec[]>();
  for (const f of functions) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  const categories = (Object.keys(categoryTitles) as Category[]).filter((c) => byCategory.has(c));
  const sorted = (c: Category) => [...(byCategory.get(c) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const out = [
    '# Chorus Script function reference',
    '',
    '<!-- Generated from the function metadata by `npm run docs:functions`; do not edit by hand. -->',
    '',
    `${functions.length} functions in ${categories.length} categories. Function names are case-insensitive. Every example below is run as a test.`,
    'Signatures use the reference product\'s notation: `[...]` encloses optional parameters, `…` repeats the last one.',
    '',
    ...categories.map((c) => `- [${categoryTitles[c]}](#${anchor(categoryTitles[c])}): ${sorted(c).map((f) => f.name).join(', ')}`),
    '',
  ];
  for (const c of categories) {
    out.push(`## ${categoryTitles[c]}`, '');
    for (const f of sorted(c)) out.push(functionSection(f));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

