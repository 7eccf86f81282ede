import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { LABELS, ScriptDate, ScriptDict, type LabelledArray, type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';
import { call, failure } from './test-support.ts';

describe('string functions', () => {
  it('has the 32 functions of the category, each with two to four examples', () => {
    const specs = builtins.functions.filter((s) => s.category === 'string');
    expect(specs).toHaveLength(32);
    for (const spec of specs) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(2);
      expect(spec.examples.length, spec.name).toBeLessThanOrEqual(4);
      expect(spec.impl, spec.name).toBeTypeOf('function');
    }
  });

  it('CountSubString counts overlapping occurrences', () => {
    expect(call('CountSubString', 'Mississippi', 'iss')).toBe(2);
    expect(call('CountSubString', 'aaaa', 'aa')).toBe(3);
    expect(call('CountSubString', 'abc', '')).toBe(0);
    expect(call('CountSubString', null, 'a')).toBe(0);
    expect(call('CountSubString', 1212, 12)).toBe(2);
  });

  it('Quote and DQuote wrap without escaping', () => {
    expect(call('DQuote', 'say "hi"')).toBe('"say "hi""');
    expect(call('Quote', "it's")).toBe("'it's'");
    expect(call('Quote', null)).toBe("''");
  });

  describe('Format', () => {
    const cases: [string, ScriptValue, string][] = [
      ['%05.1f', 3.14159, '003.1'],
      ['%d', 42.9, '42'],
      ['%i', '-7x', '-7'],
      ['%+d', 5, '+5'],
      ['% d', 5, ' 5'],
      ['%-6d|', 42, '42    |'],
      ['%06d', -42, '-00042'],
      ['%.3d', 5, '005'],
      ['%.0d', 0, ''],
      ['%u', -1, '18446744073709551615'],
      ['%x', 255, 'ff'],
      ['%#X', 255, '0XFF'],
      ['%#x', 0, '0'],
      ['%o', 8, '10'],
      ['%#o', 8, '010'],
      ['%f', 1.5, '1.500000'],
      ['%.2f', -0.001, '0.00'],
      ['%010.3f', -3.14159, '-00003.142'],
      ['%#.0f', 5, '5.'],
      ['%f', 1e22, '10000000000000000000000.000000'],
      ['%e', 12345.678, '1.234568e+04'],
      ['%.2E', 0.000123, '1.23E-04'],
      ['%g', 0.0001234, '0.0001234'],
      ['%g', 123456789, '1.23457e+08'],
      ['%g', 100000, '100000'],
      ['%g', 1e6, '1e+06'],
      ['%G', 1e-10, '1E-10'],
      ['%#g', 1.5, '1.50000'],
      ['%s!', true, '1!'],
      ['%5s|', 'ab', '   ab|'],
      ['%-5s|', 'ab', 'ab   |'],
      ['%.1s', 'ab', 'a'],
      ['%c', 65, 'A'],
      ['%c', 'xyz', 'x'],
      ['%d%%', 50, '50%'],
      ['%ld', 7, '7'],
      ['no conversion', 1, 'no conversion'],
      ['%f', null, '0.000000'],
    ];
    it.each(cases)('Format(%j, %j) is %j', (format, value, expected) => {
      expect(call('Format', format, value)).toBe(expected);
    });

    it('formats a date value with a date format string', () => {
      expect(call('Format', 'yyyy/mm/dd', new ScriptDate(Date.UTC(2024, 2, 5)))).toBe('2024/03/05');
    });

    it('fails on a bad format and blames a bad value', () => {
      expect(failure('Format', '%d %d', 1).code).toBe('SCRIPT_FAILED');
      expect(failure('Format', '%q', 1).code).toBe('SCRIPT_FAILED');
      expect(failure('Format', 'ends in %', 1).code).toBe('SCRIPT_FAILED');
      expect(failure('Format', '%.200f', 1).code).toBe('SCRIPT_FAILED');
      expect(failure('Format', '%d', {} as ScriptValue)).toEqual({ code: 'SCRIPT_TYPE', argument: 1 });
      expect(failure('Format', '%d', [1])).toEqual({ code: 'SCRIPT_TYPE', argument: 1 });
      expect(failure('Format', '%999999999d', 1).code).toBe('SCRIPT_LIMIT');
    });
  });

  it('Index finds the n-th occurrence from either end', () => {
    expect(call('Index', 'Jitterbit', 't')).toBe(2);
    expect(call('Index', 'Jitterbit', 't', 0)).toBe(2);
    expect(call('Index', 'Jitterbit', 't', 2)).toBe(3);
    expect(call('Index', 'Jitterbit', 't', 3)).toBe(8);
    expect(call('Index', 'Jitterbit', 't', 4)).toBe(-1);
    expect(call('Index', 'Jitterbit', 't', -1)).toBe(8);
    expect(call('Index', 'Jitterbit', 't', -3)).toBe(2);
    expect(call('Index', 'Jitterbit', 't', -4)).toBe(-1);
    expect(call('Index', 'Jitterbit', '')).toBe(0);
    expect(call('Index', 'Jitterbit', '', -1)).toBe(9);
    expect(call('Index', 'aaaa', 'aa', 2)).toBe(1);
  });

  it('IsValidString accepts printable ASCII, tab and line breaks only', () => {
    expect(call('IsValidString', 'Hello, world!\r\n\t~')).toBe(true);
    expect(call('IsValidString', 'café')).toBe(false);
    expect(call('IsValidString', 'a\x00b')).toBe(false);
    expect(call('IsValidString', 'a\x7f')).toBe(false);
    expect(call('IsValidString', '')).toBe(true);
  });

  it('Left, Right, Mid and Truncate cut by position', () => {
    expect(call('Left', 'Jitterbit', 3)).toBe('Jit');
    expect(call('Left', 'Jitterbit', 20)).toBe('Jitterbit');
    expect(call('Left', 'Jitterbit', 0)).toBe('');
    expect(call('Left', 'Jitterbit', -2)).toBe('');
    expect(call('Left', 'Jitterbit', '2.9')).toBe('Ji');
    expect(call('Right', 'Jitterbit', 3)).toBe('bit');
    expect(call('Right', 'Jitterbit', 20)).toBe('Jitterbit');
    expect(call('Right', 'Jitterbit', -1)).toBe('');
    expect(call('Right', 12345, 2)).toBe('45');
    expect(call('Mid', 'Jitterbit', 2, 3)).toBe('tte');
    expect(call('Mid', 'Jitterbit', 6, 10)).toBe('bit');
    expect(call('Mid', 'Jitterbit', 9, 1)).toBe('');
    expect(call('Mid', 'Jitterbit', -2, 3)).toBe('Jit');
    expect(call('Mid', 'Jitterbit', 1, 0)).toBe('');
    expect(call('Truncate', 'Jitterbit', 2, 3)).toBe('tter');
    expect(call('Truncate', 'abc', 2, 2)).toBe('');
    expect(call('Truncate', 'abc', -1, 1)).toBe('ab');
    expect(failure('Left', 'abc', [1])).toEqual({ code: 'SCRIPT_TYPE', argument: 1 });
  });

  it('LPad, RPad and their Char forms pad or cut to n characters', () => {
    expect(call('LPad', 'abc', 6)).toBe('   abc');
    expect(call('LPad', 'abcdef', 3)).toBe('abc');
    expect(call('LPad', 'abc', 0)).toBe('');
    expect(call('RPad', 'abc', 6)).toBe('abc   ');
    expect(call('RPad', 'abcdef', 3)).toBe('def');
    expect(call('RPad', 'abc', -5)).toBe('');
    expect(call('LPadChar', 42, '0', 5)).toBe('00042');
    expect(call('LPadChar', '7', 'xyz', 3)).toBe('xx7');
    expect(call('LPadChar', 'abcdef', '', 3)).toBe('abcdef');
    expect(call('RPadChar', 'ab', '.', 5)).toBe('ab...');
    expect(call('RPadChar', 'abc', '*', 2)).toBe('bc');
    expect(failure('LPad', 'a', 1e12).code).toBe('SCRIPT_LIMIT');
  });

  it('the trim functions remove white space or the given characters', () => {
    expect(call('LTrim', '  \t\n abc  ')).toBe('abc  ');
    expect(call('RTrim', '  abc \r\n')).toBe('  abc');
    expect(call('Trim', '  a b  ')).toBe('a b');
    expect(call('Trim', '\t\n')).toBe('');
    expect(call('Trim', null)).toBe('');
    expect(call('LTrimChars', '::a:', ':')).toBe('a:');
    expect(call('RTrimChars', '12.500', '.0')).toBe('12.5');
    expect(call('TrimChars', '**a*b**', '*')).toBe('a*b');
    expect(call('TrimChars', 'abc', '')).toBe('abc');
    expect(call('TrimChars', 'aaa', 'a')).toBe('');
  });

  describe('ParseURL and URLDecode', () => {
    it('lists the decoded query values, reachable by name', () => {
      const a = call('ParseURL', 'http://host/orders?id=12&name=A%20B&tag=x+y#frag') as LabelledArray;
      expect([...a]).toEqual(['12', 'A B', 'x y']);
      expect(a[LABELS]?.get('name')).toBe(1);
      const b = call('ParseURL', 'http://host/?First=x&last=y') as LabelledArray;
      expect(b[LABELS]?.get('first')).toBe(0);
    });

    it('reads a bare query string, gives nothing for a URL without a query and fails on bad escapes', () => {
      const values = (url: string) => [...(call('ParseURL', url) as ScriptValue[])];
      expect(values('a=1&b=&c')).toEqual(['1', '', '']);
      expect(values('http://host/path')).toEqual([]);
      expect(values('http://host/?a=%E2%82%AC')).toEqual(['€']);
      expect(failure('ParseURL', 'http://host/?q=%zz').code).toBe('SCRIPT_FAILED');
    });

    it('URLDecode returns one parameter, matched case-insensitively', () => {
      expect(call('URLDecode', 'http://host/a?Name=Jo+Smith&x=1', 'name')).toBe('Jo Smith');
      expect(call('URLDecode', 'http://host/a?q=caf%C3%A9', 'Q')).toBe('café');
      expect(call('URLDecode', 'http://host/a?x=1', 'y')).toBe('');
      expect(call('URLDecode', 'http://host/a?x=1&x=2', 'x')).toBe('1');
    });
  });

  describe('URLEncode', () => {
    it('encodes by option', () => {
      expect(call('URLEncode', 'a b&c=d/é')).toBe('a%20b%26c%3Dd%2F%C3%A9');
      expect(call('URLEncode', 'a b&c=d/é', 1)).toBe('a b%26c%3Dd%2F%C3%A9');
      expect(call('URLEncode', 'a b&c=d/é', 2)).toBe('a%20b&c=d/%C3%A9');
      expect(call('URLEncode', 'a b&c=d/é', 3)).toBe('a b&c=d/%C3%A9');
    });

    it('never encodes $ - _ . + ! * \' ( ) , and always encodes control characters', () => {
      expect(call('URLEncode', "$-_.+!*'(),")).toBe("$-_.+!*'(),");
      expect(call('URLEncode', '\n\x7f', 3)).toBe('%0A%7F');
      expect(call('URLEncode', '"<>#%{}|\\^~[]`;')).toBe('%22%3C%3E%23%25%7B%7D%7C%5C%5E%7E%5B%5D%60%3B');
      expect(call('URLEncode', ';', 1)).toBe(';');
      expect(call('URLEncode', '😀')).toBe('%F0%9F%98%80');
    });

    it('rejects an unknown option', () => {
      expect(failure('URLEncode', 'x', 4)).toEqual({ code: 'SCRIPT_FAILED', argument: 1 });
      expect(failure('URLEncode', 'x', -1).code).toBe('SCRIPT_FAILED');
    });
  });

  describe('RegExMatch', () => {
    it('matches the whole string and assigns the groups to globals', () => {
      const env = testEnv();
      const regExMatch = builtins.get('RegExMatch')!.impl!;
      expect(regExMatch(['[abc]', '(\\[)(.*)(\\])', 'dummy', '$value'], env)).toBe(3);
      expect(env.globals.get('dummy')).toBe('[');
      expect(env.globals.get('value')).toBe('abc');
    });

    it('returns -1 unless the whole string matches, and the group count otherwise', () => {
      expect(call('RegExMatch', 'abc1', '[a-z]+')).toBe(-1);
      expect(call('RegExMatch', 'xabc', 'abc')).toBe(-1);
      expect(call('RegExMatch', 'abc', 'abc')).toBe(0);
      expect(call('RegExMatch', 'ab', 'a|ab')).toBe(0);
      expect(call('RegExMatch', 'a1', '(a)(b)?(1)')).toBe(3);
    });

    it('ignores extra names and sets "" for a group that did not take part', () => {
      const env = testEnv();
      const regExMatch = builtins.get('RegExMatch')!.impl!;
      expect(regExMatch(['a1', '(a)(b)?', 'x', 'y', 'z'], env)).toBe(-1);
      expect(regExMatch(['a', '(a)(b)?', 'x', 'y', 'z'], env)).toBe(2);
      expect(env.globals.get('y')).toBe('');
      expect(env.globals.has('z')).toBe(false);
    });

    it('speaks Boost: dot matches newlines, (?i), POSIX classes, a leading ] in a class, \\A and \\z', () => {
      expect(call('RegExMatch', 'a\nb', 'a.b')).toBe(0);
      expect(call('RegExMatch', 'ABC', '(?i)abc')).toBe(0);
      expect(call('RegExMatch', '12', '[[:digit:]]+')).toBe(0);
      expect(call('RegExMatch', 'x]', '[]x]+')).toBe(0);
      expect(call('RegExMatch', 'ab', '\\Aab\\z')).toBe(0);
    });

    it('fails on an invalid expression', () => {
      expect(failure('RegExMatch', 'x', '(')).toEqual({ code: 'SCRIPT_FAILED', argument: 1 });
    });
  });

  describe('RegExReplace', () => {
    it('expands Boost format references', () => {
      expect(call('RegExReplace', '2024-03-05', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/\\1')).toBe('05/03/2024');
      expect(call('RegExReplace', 'price 5', '\\d', '$$$&')).toBe('price $5');
      expect(call('RegExReplace', 'ab', 'b', "[$`|$'|$0|${0}]")).toBe('a[a||b|b]');
      expect(call('RegExReplace', 'ab', 'b', '\\t\\\\$9')).toBe('a\t\\');
      expect(call('RegExReplace', 'a.b', '\\.', '\\n')).toBe('a\nb');
    });

    it('deletes matches with an empty format and keeps unmatched text', () => {
      expect(call('RegExReplace', 'a1b22c', '\\d+', '')).toBe('abc');
      expect(call('RegExReplace', 'abc', 'x', 'y')).toBe('abc');
      expect(call('RegExReplace', 'abc', '', '-')).toBe('-a-b-c-');
      expect(call('RegExReplace', 'Abc abc', '(?i)a', 'x')).toBe('xbc xbc');
    });

    it('fails on an invalid expression', () => {
      expect(failure('RegExReplace', 'x', '[', '').code).toBe('SCRIPT_FAILED');
    });
  });

  it('Replace replaces every occurrence left to right', () => {
    expect(call('Replace', 'a-b-c', '-', '+')).toBe('a+b+c');
    expect(call('Replace', 'aaa', 'aa', 'b')).toBe('ba');
    expect(call('Replace', 'abc', '', 'x')).toBe('abc');
    expect(call('Replace', 'a.b', '.', '')).toBe('ab');
    expect(call('Replace', 'a$b', '$', '$$')).toBe('a$$b');
  });

  it('Split and SplitCSV', () => {
    expect(call('Split', 'a,b,c', ',')).toEqual(['a', 'b', 'c']);
    expect(call('Split', 'a,b,', ',')).toEqual(['a', 'b']);
    expect(call('Split', 'a,,b', ',')).toEqual(['a', '', 'b']);
    expect(call('Split', 'abc', ',')).toEqual(['abc']);
    expect(call('Split', '', ',')).toEqual([]);
    expect(call('Split', ',', ',')).toEqual(['']);
    expect(call('Split', 'a::b', '::')).toEqual(['a', 'b']);
    expect(call('Split', 'abc', '')).toEqual(['abc']);
    expect(call('SplitCSV', 'a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
    expect(call('SplitCSV', '"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(call('SplitCSV', "1;'a;b';", ';', "'")).toEqual(['1', 'a;b', '']);
    expect(call('SplitCSV', 'a "b" c,d')).toEqual(['a "b" c', 'd']);
    expect(call('SplitCSV', '"open,x')).toEqual(['open,x']);
    expect(call('SplitCSV', 'a,"b",,c', ',', '')).toEqual(['a', '"b"', '', 'c']);
    expect(call('SplitCSV', '')).toEqual([]);
    expect(failure('SplitCSV', 'a', '')).toEqual({ code: 'SCRIPT_FAILED', argument: 1 });
  });

  it('StringLength counts characters, element by element for arrays', () => {
    expect(call('StringLength', 'Jitterbit')).toBe(9);
    expect(call('StringLength', '')).toBe(0);
    expect(call('StringLength', null)).toBe(0);
    expect(call('StringLength', 12.5)).toBe(4);
    expect(call('StringLength', ['a', 'bcd', 12345, null, ['xy']])).toEqual([1, 3, 5, 0, [2]]);
    expect(call('StringLength', new ScriptDict())).toBe(2);
  });

  it('ToLower and ToUpper change ASCII letters only; ToProper capitalises words', () => {
    expect(call('ToLower', 'Hello WORLD')).toBe('hello world');
    expect(call('ToLower', 'ÉCOLE')).toBe('École');
    expect(call('ToUpper', 'école')).toBe('éCOLE');
    expect(call('ToUpper', true)).toBe('1');
    expect(call('ToProper', 'hello WORLD')).toBe('Hello World');
    expect(call('ToProper', "mary-jane o'neil")).toBe("Mary-Jane O'Neil");
    expect(call('ToProper', 'élodie 3rd')).toBe('Élodie 3Rd');
  });
});
