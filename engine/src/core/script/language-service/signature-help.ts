/**
 * Signature help inside a call's parentheses. A forward pass over the tokens keeps a stack
 * of open brackets; commas count only for the innermost open bracket, so nested calls,
 * arrays and indexes keep their own commas, and a `;` sequence stays one argument.
 */
import type { FunctionTable } from '../functions/registry.ts';
import type { FunctionSpec } from '../functions/types.ts';
import { signatureLabel } from './format.ts';
import { inBody, scan, type Token } from './scan.ts';
import type { SignatureHelp } from './types.ts';

interface Frame {
  bracket: string;
  /** The called function, when this `(` opens a call. */
  name?: string;
  commas: number;
}

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function signatureAt(source: string, offset: number, functions: FunctionTable): SignatureHelp | undefined {
  const s = scan(source);
  if (!inBody(s, offset)) return undefined;
  const stack = openBrackets(s.tokens, offset);
  const call = stack.findLast((f) => f.name !== undefined);
  const spec = call?.name !== undefined ? functions.get(call.name) : undefined;
  if (!call || !spec) return undefined;
  return help(spec, call.name!, call.commas);
}

/**
 * The brackets open at `offset`, outermost first. Brackets and commas inside strings and
 * comments are part of those tokens, so they never count; help stays up while a string
 * argument is typed.
 */
function openBrackets(tokens: readonly Token[], offset: number): Frame[] {
  const stack: Frame[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.start >= offset) break;
    if (t.text === '(' || t.text === '[' || t.text === '{') {
      const before = tokens[i - 1];
      stack.push({ bracket: t.text, name: t.text === '(' && before?.kind === 'name' ? before.text : undefined, commas: 0 });
    } else if (t.text in CLOSING && t.kind === 'punctuation') {
      // Pop up to the matching bracket; a stray closer is ignored.
      const at = stack.findLastIndex((f) => f.bracket === CLOSING[t.text]);
      if (at >= 0) stack.length = at;
    } else if (t.text === ',' && stack.length > 0) {
      stack[stack.length - 1].commas++;
    }
  }
  return stack;
}

function help(spec: FunctionSpec, name: string, argument: number): SignatureHelp {
  const signatures = spec.signatures.map((sig) => {
    const { label, params } = signatureLabel(name, sig);
    return {
      label,
      documentation: spec.summary,
      parameters: params.map((p, i) => ({ label: p.label, offsets: p.offsets, documentation: sig.params[i].description })),
    };
  });
  // The first overload with room for this argument (a rest parameter has room for all).
  const fits = spec.signatures.findIndex((sig) => argument < sig.params.length || sig.params.some((p) => p.rest));
  const activeSignature = Math.max(fits, 0);
  const params = spec.signatures[activeSignature]?.params ?? [];
  return { signatures, activeSignature, activeParameter: Math.min(argument, Math.max(params.length - 1, 0)) };
}
