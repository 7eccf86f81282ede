// The `xpath` package's own types pull in the browser DOM library (`/// <reference lib="dom" />`),
// which would let DOM globals into the pure core unnoticed. tsconfig.pure.json maps `xpath` to
// these declarations instead (type checking only; at run time the real package loads).

export interface XPathNamespaceResolver {
  lookupNamespaceURI(prefix: string | null): string | null;
}

export type XPathSelectResult = string | number | boolean | unknown[];

declare const xpath: {
  selectWithResolver(expression: string, node: unknown, resolver: XPathNamespaceResolver): XPathSelectResult;
};
export default xpath;
