/** Hover help for the name under the cursor: function, global, local or source field. */
import { JITTERBIT_DEFAULTS, JITTERBIT_INFORMATIONAL } from '../env.ts';
import type { FunctionTable } from '../functions/registry.ts';
import type { LanguageServiceOptions, Parsed } from './context.ts';
import { functionMarkdown } from './format.ts';
import { pathSegments, describeField, resolveFields } from './source-fields.ts';
import type { Hover } from './types.ts';
import { nodesAt } from './walk.ts';

export function hoverAt(parsed: Parsed, offset: number, functions: FunctionTable, options: LanguageServiceOptions): Hover | undefined {
  // Innermost first: in `Left(name, 2)` over `name` the local wins over the call around it.
  for (const node of nodesAt(parsed.program, offset).reverse()) {
    switch (node.kind) {
      case 'call': {
        const { start, end } = node.nameRange;
        if (offset < start || offset > end) continue;
        const spec = functions.get(node.name);
        return spec ? { contents: functionMarkdown(spec, { signatures: true }), start, end } : undefined;
      }
      case 'global':
        return { contents: `\`$${node.name}\` — ${globalKind(node.name, options)}`, start: node.start, end: node.end };
      case 'local':
        return { contents: `\`${node.name}\` — local variable`, start: node.start, end: node.end };
      case 'source':
        return { contents: sourceHover(node.path, options), start: node.start, end: node.end };
    }
  }
  return undefined;
}

/** Globals are case-insensitive, so are the names they are looked up by. */
function globalKind(name: string, options: LanguageServiceOptions): string {
  const lower = name.toLowerCase();
  if (lower in JITTERBIT_DEFAULTS) return `Jitterbit setting, default \`${String(JITTERBIT_DEFAULTS[lower])}\``;
  if (lower in JITTERBIT_INFORMATIONAL) return `Jitterbit variable: ${JITTERBIT_INFORMATIONAL[lower]}`;
  if (lower.startsWith('jitterbit.')) return 'Jitterbit variable';
  if (options.projectVariables?.some((v) => v.toLowerCase() === lower)) return 'project variable';
  return 'global variable';
}

function sourceHover(path: string, options: LanguageServiceOptions): string {
  const fields = options.sourceSchema && resolveFields(options.sourceSchema, pathSegments(path));
  if (!fields || fields.length === 0) return `\`${path}\` — source reference`;
  const names = fields.map((f) => f.name).join(' › ');
  return `\`${path}\` — source field ${names}: ${describeField(fields[fields.length - 1])}`;
}
