/**
 * The syntax tree of a Chorus Script program. Every node carries the source range it was
 * parsed from (`start` inclusive, `end` exclusive, as offsets into the whole source text, so
 * the language service can map them to editor positions and errors to line:column).
 */
export interface Range {
  start: number;
  end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '==' | '!=' | '<' | '>' | '<=' | '>=';
/** `&` is written as `&&` and `|` as `||` once parsed: they mean the same. */
export type LogicalOp = '&&' | '||';
export type AssignOp = '=' | '+=' | '-=';

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BoolLiteral
  | ArrayLiteral
  | Sequence
  | Local
  | Global
  | SourceRef
  | Index
  | Call
  | Unary
  | Update
  | Binary
  | Logical
  | Assign;

export interface NumberLiteral extends Range {
  kind: 'number';
  value: number;
  /** Written with a `.` (a double in the reference product). */
  isDouble: boolean;
}

export interface StringLiteral extends Range {
  kind: 'string';
  /** The value, escapes resolved. */
  value: string;
}

export interface BoolLiteral extends Range {
  kind: 'bool';
  value: boolean;
}

export interface ArrayLiteral extends Range {
  kind: 'array';
  elements: Expr[];
}

/** `a; b; c` inside an argument or array member: runs in order, the value is the last. */
export interface Sequence extends Range {
  kind: 'sequence';
  body: Expr[];
}

/** A local variable (`total`, `_1`). */
export interface Local extends Range {
  kind: 'local';
  name: string;
}

/** A global variable: `$name`, `$jitterbit.operation.name`. `name` is without the `$`. */
export interface Global extends Range {
  kind: 'global';
  name: string;
}

/**
 * A source reference in a mapping formula, in the reference product's path notation:
 * `_Root$Header$Value`, `json$item.id$`, `root$customer.contact#.Email` (`#` = every
 * instance). `path` is the text as written.
 */
export interface SourceRef extends Range {
  kind: 'source';
  path: string;
}

export interface Index extends Range {
  kind: 'index';
  target: Expr;
  index: Expr;
}

export interface Call extends Range {
  kind: 'call';
  /** As written; function names are case-insensitive. */
  name: string;
  /** Range of the name alone (for hover and "unknown function" squiggles). */
  nameRange: Range;
  args: Expr[];
}

export interface Unary extends Range {
  kind: 'unary';
  op: '-' | '!';
  operand: Expr;
}

export interface Update extends Range {
  kind: 'update';
  op: '++' | '--';
  prefix: boolean;
  target: Local | Global | Index;
}

export interface Binary extends Range {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface Logical extends Range {
  kind: 'logical';
  op: LogicalOp;
  left: Expr;
  right: Expr;
}

export interface Assign extends Range {
  kind: 'assign';
  op: AssignOp;
  target: Local | Global | Index;
  value: Expr;
}

/**
 * A whole script. With `<trans>` tags, `body` holds the expressions between them; without,
 * the source is a literal (`literal` holds the whole text) and `body` is empty.
 */
export interface Program extends Range {
  kind: 'program';
  body: Expr[];
  literal?: string;
  /** Range of the text between `<trans>` and `</trans>`, when the tags are there. */
  trans?: Range;
}
