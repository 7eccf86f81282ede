/**
 * How functions read in the editor: signature labels in the reference's notation
 * (`Name(type p1[, type opt = default]) → type`), Markdown documentation and call snippets.
 * Completion, hover and signature help all use these, so they always agree.
 */
import type { FunctionExample, FunctionSpec, Param, Signature } from '../functions/types.ts';
import { categoryTitles } from '../functions/types.ts';

export interface SignatureLabel {
  label: string;
  /** Where each parameter sits in `label`. */
  params: { label: string; offsets: [number, number] }[];
}

function paramText(p: Param): string {
  const text = `${p.type} ${p.name}`;
  if (p.rest) return `${text}, …`;
  return p.default !== undefined ? `${text} = ${p.default}` : text;
}

export function signatureLabel(name: string, sig: Signature): SignatureLabel {
  let label = `${name}(`;
  let brackets = 0;
  const params: SignatureLabel['params'] = [];
  sig.params.forEach((p, i) => {
    if (p.optional && !p.rest) {
      label += i === 0 ? '[' : '[, ';
      brackets++;
    } else if (i > 0) {
      label += ', ';
    }
    const text = paramText(p);
    params.push({ label: text, offsets: [label.length, label.length + text.length] });
    label += text;
  });
  label += `${']'.repeat(brackets)}) → ${sig.returns}`;
  return { label, params };
}

/** `"abc"`, `42`, `{1,2}`, `matches /…/` or `error SCRIPT_…`: the outcome of an example. */
function exampleOutcome(e: FunctionExample): string | undefined {
  if (e.error) return `error ${e.error}`;
  if (e.matches) return `matches /${e.matches}/`;
  if (e.result) return `${JSON.stringify(e.result.value)} (${e.result.type})`;
  return undefined;
}

function paramDocs(spec: FunctionSpec): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const sig of spec.signatures) {
    for (const p of sig.params) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const optional = p.optional ? ', optional' : '';
      const description = p.description ? ` — ${p.description}` : '';
      lines.push(`- \`${p.name}\` (${p.type}${optional})${description}`);
    }
  }
  return lines;
}

/** Markdown for hover and completion: signatures, summary, parameters, first example. */
export function functionMarkdown(spec: FunctionSpec, options: { signatures: boolean }): string {
  const parts: string[] = [];
  if (options.signatures) {
    parts.push('```\n' + spec.signatures.map((s) => signatureLabel(spec.name, s).label).join('\n') + '\n```');
  }
  parts.push(spec.summary);
  const params = paramDocs(spec);
  if (params.length > 0) parts.push(`**Parameters**\n\n${params.join('\n')}`);
  const example = spec.examples[0];
  if (example) {
    const outcome = exampleOutcome(example);
    parts.push('**Example**\n\n```\n' + example.code + (outcome ? `\n// → ${outcome}` : '') + '\n```');
  }
  const notes: string[] = [`*${categoryTitles[spec.category]}*`];
  if (spec.aliases?.length) notes.push(`alias: ${spec.aliases.join(', ')}`);
  if (spec.needs) notes.push(`needs ${spec.needs}`);
  parts.push(notes.join(' · '));
  return parts.join('\n\n');
}

/** Snippet characters that must be escaped inside a placeholder. */
const escapeSnippet = (text: string) => text.replace(/[$}\\]/g, '\\$&');

/** `Left(${1:str}, ${2:n})`: placeholders for the required parameters of the first signature. */
export function callSnippet(name: string, spec: FunctionSpec): string {
  const params = spec.signatures[0]?.params ?? [];
  const required = params.filter((p) => !p.optional && !p.rest);
  if (required.length === 0) return params.length === 0 ? `${name}()` : `${name}($1)`;
  return `${name}(${required.map((p, i) => `\${${i + 1}:${escapeSnippet(p.name)}}`).join(', ')})`;
}
