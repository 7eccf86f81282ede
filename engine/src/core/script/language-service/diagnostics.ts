/**
 * Problems the editor underlines before the script runs: syntax errors, calls the runtime
 * would refuse (unknown function, wrong argument count, not allowed in a formula, needing a
 * capability), locals read before they are assigned, text the runtime ignores and source
 * references the schema does not have.
 */
import type { ErrorCode } from '../../errors.ts';
import type { Call, Expr } from '../ast.ts';
import type { FunctionTable } from '../functions/registry.ts';
import { arity } from '../functions/types.ts';
import { isFormula, type LanguageServiceOptions, type Parsed } from './context.ts';
import { scan } from './scan.ts';
import { pathSegments, resolveFields } from './source-fields.ts';
import { closest } from './suggest.ts';
import type { Diagnostic, LintCode, Severity } from './types.ts';
import { walk, type Node } from './walk.ts';

type Report = (severity: Severity, code: ErrorCode | LintCode, message: string, range: { start: number; end: number }) => void;

/** `_1`, `_2`…: the script's arguments, defined before the first line runs. */
const isArgument = (name: string) => /^_\d+$/.test(name);

export function diagnose(parsed: Parsed, functions: FunctionTable, options: LanguageServiceOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (severity, code, message, { start, end }) => {
    const from = parsed.lines.positionAt(start);
    const to = parsed.lines.positionAt(end);
    out.push({ severity, code, message, start, end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column });
  };
  for (const e of parsed.errors) report('error', 'SCRIPT_SYNTAX', e.message, e);
  textOutsideTags(parsed.source, report);
  checkTree(parsed, functions, options, report);
  return out.sort((a, b) => a.start - b.start);
}

/** Runs of non-blank text before `<trans>` or after `</trans>`: the runtime ignores them. */
function textOutsideTags(source: string, report: Report): void {
  const s = scan(source);
  if (!s.open) return; // no tags: the whole source is a literal value, on purpose
  for (const t of s.tokens) {
    if (t.kind !== 'text') continue;
    const start = t.start + (t.text.length - t.text.trimStart().length);
    const end = t.end - (t.text.length - t.text.trimEnd().length);
    if (start < end) report('warning', 'text-outside-trans', 'text outside <trans> … </trans> is ignored', { start, end });
  }
}

function checkTree(parsed: Parsed, functions: FunctionTable, options: LanguageServiceOptions, report: Report): void {
  const assigned = new Set<string>();
  const visit = (node: Node): boolean | void => {
    switch (node.kind) {
      case 'local':
        if (!assigned.has(node.name) && !isArgument(node.name)) {
          report('warning', 'SCRIPT_UNINITIALIZED', `local variable '${node.name}' is read before it is assigned`, node);
        }
        return;
      case 'assign':
        // The value runs first: in `x = x + 1` the right-hand x is read before x exists.
        walk(node.value, visit);
        if (node.target.kind === 'local') {
          if (node.op !== '=') walk(node.target, visit);
          assigned.add(node.target.name);
        } else {
          walk(node.target, visit);
        }
        return false;
      case 'call':
        checkCall(node, functions, options, report);
        if (node.name.toLowerCase() === 'argumentlist') {
          // ArgumentList(a, b) assigns its arguments from _1, _2…
          for (const arg of node.args) {
            if (arg.kind === 'local') assigned.add(arg.name);
            else walk(arg, visit);
          }
          return false;
        }
        return;
      case 'source':
        checkSource(node, options, report);
        return;
    }
  };
  walk(parsed.program, visit);
}

function checkCall(call: Call, functions: FunctionTable, options: LanguageServiceOptions, report: Report): void {
  const spec = functions.get(call.name);
  if (!spec) {
    const guess = closest(call.name, functions.names());
    const hint = guess ? `: did you mean ${guess}?` : '';
    report('error', 'SCRIPT_UNKNOWN_FUNCTION', `function ${call.name} does not exist${hint}`, call.nameRange);
    return;
  }
  const { min, max } = arity(spec);
  const count = call.args.length;
  if (count < min || count > max) {
    report('error', 'SCRIPT_ARGUMENTS', `${spec.name} takes ${expected(min, max)}, not ${count}`, call);
  }
  if (isFormula(options) && spec.async) {
    report(
      'error',
      'SCRIPT_NOT_ALLOWED',
      `${spec.name} waits for its result, which a mapping formula cannot do: call it from a script step`,
      call.nameRange,
    );
  }
  if (spec.needs) {
    report('warning', 'SCRIPT_NEEDS_CAPABILITY', `${spec.name} needs ${spec.needs}, which this version does not provide`, call.nameRange);
  }
}

function expected(min: number, max: number): string {
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (min === max) return plural(min);
  if (max === Infinity) return `at least ${plural(min)}`;
  return `${min} to ${plural(max)}`;
}

function checkSource(node: Extract<Expr, { kind: 'source' }>, options: LanguageServiceOptions, report: Report): void {
  if (!isFormula(options)) {
    report('error', 'SCRIPT_NOT_ALLOWED', `the source reference ${node.path} can only be read in a mapping formula`, node);
    return;
  }
  if (options.sourceSchema && !resolveFields(options.sourceSchema, pathSegments(node.path))) {
    report('warning', 'unknown-source-field', `the source has no field ${node.path}`, node);
  }
}
