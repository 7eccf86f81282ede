import { describe, expect, it } from 'vitest';
import { lex, type Token } from './lexer.ts';

/** The tokens inside `<trans>...</trans>`, as [kind, text] pairs. */
function inside(body: string): [string, string][] {
  return lex(`<trans>${body}</trans>`)
    .slice(1, -1)
    .map((t) => [t.kind, t.text]);
}

function only(body: string): Token {
  const tokens = lex(`<trans>${body}</trans>`).slice(1, -1);
  expect(tokens).toHaveLength(1);
  return tokens[0];
}

describe('lex: tags and text', () => {
  it('ignores text outside the tags and records offsets', () => {
    const tokens = lex('before<trans>1</trans>after');
    expect(tokens.map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ['text', 'before', 0, 6],
      ['open', '<trans>', 6, 13],
      ['number', '1', 13, 14],
      ['close', '</trans>', 14, 22],
      ['text', 'after', 22, 27],
    ]);
  });

  it('makes the whole source one text token when it has no <trans>', () => {
    expect(lex('just "text" 1 + 2').map((t) => t.kind)).toEqual(['text']);
  });

  it('returns no tokens for an empty source', () => {
    expect(lex('')).toEqual([]);
  });

  it('lexes a second <trans> and </trans> as tags so the parser can report them', () => {
    expect(lex('<trans>1</trans> x </trans>').map((t) => t.kind)).toEqual(['open', 'number', 'close', 'text', 'close']);
    expect(lex('<trans><trans>').map((t) => t.kind)).toEqual(['open', 'open']);
  });
});

describe('lex: comments', () => {
  it('lexes line and block comments', () => {
    expect(inside('1 // one\n2 /* two\nlines */ 3')).toEqual([
      ['number', '1'],
      ['comment', '// one'],
      ['number', '2'],
      ['comment', '/* two\nlines */'],
      ['number', '3'],
    ]);
  });

  it('ends a line comment before </trans> on the same line', () => {
    expect(lex('<trans>1 // c</trans>').map((t) => t.kind)).toEqual(['open', 'number', 'comment', 'close']);
  });

  it('lets an unterminated block comment swallow the rest, closing tag included', () => {
    expect(lex('<trans>1 /* open </trans>').map((t) => t.kind)).toEqual(['open', 'number', 'comment']);
  });

  it('does not take /*/ for a complete comment', () => {
    expect(lex('<trans>/*/ 1 </trans>').map((t) => t.kind)).toEqual(['open', 'comment']);
  });
});

describe('lex: names', () => {
  it('lexes locals, keywords and globals', () => {
    expect(inside('total _1 true false True $a.b:c#d@e%f?g~h`i $')).toEqual([
      ['name', 'total'],
      ['name', '_1'],
      ['bool', 'true'],
      ['bool', 'false'],
      ['name', 'True'],
      ['global', '$a.b:c#d@e%f?g~h`i'],
      ['global', '$'],
    ]);
  });

  it('gives a global its name without the $', () => {
    expect(only('$jitterbit.operation.name').value).toBe('jitterbit.operation.name');
  });

  it('lexes source references as one token', () => {
    expect(inside('_Root$Header$Value json$item.id$ root$customer.contact#.Email')).toEqual([
      ['source', '_Root$Header$Value'],
      ['source', 'json$item.id$'],
      ['source', 'root$customer.contact#.Email'],
    ]);
  });
});

describe('lex: numbers', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
  ])('lexes %s', (text, value) => {
    expect(only(text)).toMatchObject({ kind: 'number', text, value });
  });

  it.each(['12abc', '3(', '1_', '2$x'])('reports %s as an unknown token', (text) => {
    expect(only(text)).toMatchObject({ kind: 'invalid', text, message: expect.stringContaining('unknown token') });
  });

  it.each(['1.2.3', '1..2'])('reports %s as an undefined token', (text) => {
    expect(only(text)).toMatchObject({ kind: 'invalid', text, message: expect.stringContaining('undefined token') });
  });
});

describe('lex: strings', () => {
  it('resolves the escapes in both quote styles', () => {
    expect(only('"a\\tb\\n\\"q\\" \\\\ \\\' \\b\\f\\r\\v"').value).toBe('a\tb\n"q" \\ \' \b\f\r\v');
    expect(only("'it\\'s \"x\"'").value).toBe('it\'s "x"');
  });

  it('keeps unknown escapes verbatim', () => {
    expect(only('"\\d+\\."').value).toBe('\\d+\\.');
  });

  it('keeps raw line breaks in double quotes; drops LF and turns CR into a space in single quotes', () => {
    expect(only('"a\r\nb"').value).toBe('a\r\nb');
    expect(only("'a\r\nb'").value).toBe('a b');
  });

  it('reports an unterminated string', () => {
    const tokens = lex('<trans>"abc</trans>');
    expect(tokens[1]).toMatchObject({ kind: 'invalid', start: 7, end: 19 });
    expect(tokens[1].message).toMatch(/not closed/);
  });
});

describe('lex: operators and punctuation', () => {
  it('takes the longest operator', () => {
    expect(inside('a+=1-=2++--&&||==!=<=>=').map(([, text]) => text)).toEqual(['a', '+=', '1', '-=', '2', '++', '--', '&&', '||', '==', '!=', '<=', '>=']);
    expect(inside('= + - * / ^ ! < > & |').map(([kind]) => kind)).toEqual(Array(11).fill('operator'));
    expect(inside('( ) { } [ ] , ;').map(([kind]) => kind)).toEqual(Array(8).fill('punctuation'));
  });

  it('reports *= and /=', () => {
    expect(only('*=')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('*= does not exist') });
    expect(only('/=')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('/= does not exist') });
  });

  it.each([':', '%', '.', '#', '?', '@'])('reports %s as an unexpected character', (c) => {
    expect(only(c)).toMatchObject({ kind: 'invalid', message: `unexpected character "${c}"` });
  });
});
