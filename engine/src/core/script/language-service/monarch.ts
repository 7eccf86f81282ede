/**
 * Syntax colouring and editing rules for Monaco, as plain data: the studio passes them to
 * `monaco.languages.setMonarchTokensProvider` and `setLanguageConfiguration`. Types are
 * declared here so the pure core does not depend on Monaco.
 */
import type { FunctionTable } from '../functions/registry.ts';

export const LANGUAGE_ID = 'chorus-script';

export type MonarchAction = string | { token?: string; next?: string; cases?: Record<string, string> };
export type MonarchRule = [RegExp, MonarchAction] | [RegExp, MonarchAction, string] | { include: string };

export interface MonarchLanguage {
  defaultToken: string;
  tokenPostfix: string;
  /** Function names are case-insensitive (so `TRUE` colours as a keyword too, a small price). */
  ignoreCase: boolean;
  keywords: string[];
  functions: string[];
  operators: string[];
  symbols: RegExp;
  escapes: RegExp;
  brackets: { open: string; close: string; token: string }[];
  tokenizer: Record<string, MonarchRule[]>;
}

const OPERATORS = ['=', '+=', '-=', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '^', '!', '&&', '||', '&', '|', '++', '--'];

/** Tokens follow the lexer (lexer.ts): text outside `<trans>` is ignored, so it shows as a comment. */
export function createMonarchLanguage(functions: FunctionTable): MonarchLanguage {
  const string = (quote: string): MonarchRule[] => [
    [new RegExp(`[^\\\\${quote}]+`), 'string'],
    [/@escapes/, 'string.escape'],
    [/\\./, 'string'], // any other backslash pair is kept as written
    [new RegExp(quote), 'string', '@pop'],
  ];
  return {
    defaultToken: '',
    tokenPostfix: '.chorus',
    ignoreCase: true,
    keywords: ['true', 'false'],
    functions: functions.names(),
    operators: OPERATORS,
    symbols: /[=><!+\-*/^&|]+/,
    escapes: /\\[bfnrtv\\'"]/,
    brackets: [
      { open: '{', close: '}', token: 'delimiter.curly' },
      { open: '[', close: ']', token: 'delimiter.square' },
      { open: '(', close: ')', token: 'delimiter.parenthesis' },
    ],
    tokenizer: {
      root: [
        [/<trans>/, 'tag', '@script'],
        [/[^<]+/, 'comment.outside'],
        [/</, 'comment.outside'],
      ],
      script: [
        [/<\/trans>/, 'tag', '@pop'],
        [/[ \t\r\n]+/, ''],
        [/\/\*/, 'comment', '@comment'],
        // A line comment stops before `</trans>` so one-line formulas can end with one.
        [/\/\/(?:(?!<\/trans>).)*/, 'comment'],
        [/\$[\w.:#@%?~`]*/, 'variable.global'],
        [/[A-Za-z_]\w*[$.#][\w$.#]*/, 'variable.source'],
        [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@functions': 'predefined', '@default': 'identifier' } }],
        [/\d+\.\d*|\.\d+/, 'number.float'],
        [/\d+/, 'number'],
        [/[{}()[\]]/, '@brackets'],
        [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
        [/[;,]/, 'delimiter'],
        [/"/, 'string', '@stringDouble'],
        [/'/, 'string', '@stringSingle'],
      ],
      comment: [
        [/[^*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/\*/, 'comment'],
      ],
      stringDouble: string('"'),
      stringSingle: string("'"),
    },
  };
}

export interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: { open: string; close: string }[];
  /** What a "word" is (double-click, default ranges): `$globals` and source paths are one word. */
  wordPattern: RegExp;
}

export const languageConfiguration: LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  wordPattern: /\$[\w.:#@%?~`]*|[A-Za-z_][\w$.#]*|\d*\.?\d+/,
};
