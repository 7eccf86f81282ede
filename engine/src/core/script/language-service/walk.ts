/** The one AST walker: children in source order, a visitor, and the node under a cursor. */
import type { Expr, Program } from '../ast.ts';

export type Node = Expr | Program;

/** Direct children in source (= evaluation) order. */
function childrenOf(node: Node): Expr[] {
  switch (node.kind) {
    case 'program':
      return node.body;
    case 'array':
      return node.elements;
    case 'sequence':
      return node.body;
    case 'index':
      return [node.target, node.index];
    case 'call':
      return node.args;
    case 'unary':
      return [node.operand];
    case 'update':
      return [node.target];
    case 'binary':
    case 'logical':
      return [node.left, node.right];
    case 'assign':
      return [node.target, node.value];
    default:
      return [];
  }
}

/**
 * Visits every node depth-first in source order. `enter` returning false skips the node's
 * children (the visitor handles them itself, e.g. to evaluate an assignment's value first).
 */
export function walk(node: Node, enter: (node: Node, parents: readonly Node[]) => boolean | void): void {
  const parents: Node[] = [];
  const visit = (n: Node): void => {
    if (enter(n, parents) === false) return;
    parents.push(n);
    for (const child of childrenOf(n)) visit(child);
    parents.pop();
  };
  visit(node);
}

/**
 * The chain of nodes containing `offset`, outermost first (the program) and innermost last.
 * A node contains the offsets from its start up to and including its end, so a cursor just
 * after a name still hovers it.
 */
export function nodesAt(program: Program, offset: number): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = program;
  while (node) {
    path.push(node);
    node = childrenOf(node).find((c) => c.start <= offset && offset <= c.end);
  }
  return path;
}
