import { describe, expect, it } from 'vitest';
import { createMonarchLanguage, languageConfiguration, type MonarchLanguage, type MonarchRule } from './monarch.ts';
import { sampleFunctions } from './test-support.ts';

/**
 * A small stand-in for Monaco's Monarch lexer (line by line, a state stack, rules tried in
 * order at the current position, `@attribute` expansion in regexes and cases), enough to
 * check that the definition colours real scripts as intended.
 */
function tokenize(lang: MonarchLanguage, source: string): [string, string][] {
  const attr = lang as unknown as Record<string, unknown>;
  const expand = (re: RegExp) =>
    new RegExp(re.source.replace(/@(\w+)/g, (_, name: string) => (attr[name] as RegExp).source), lang.ignoreCase ? 'iy' : 'y');
  const inList = (list: string, word: string) =>
    (attr[list] as string[]).some((w) => (lang.ignoreCase ? w.toLowerCase() === word.toLowerCase() : w === word));
  const out: [string, string][] = [];
  const stack = ['root'];
  for (const line of source.split('\n')) {
    let pos = 0;
    while (pos < line.length) {
      const rules = lang.tokenizer[stack[stack.length - 1]].filter((r): r is Exclude<MonarchRule, { include: string }> => Array.isArray(r));
      const hit = rules.map((r) => ({ r, m: ((re) => ((re.lastIndex = pos), re.exec(line)))(expand(r[0])) })).find((x) => x.m && x.m[0] !== '');
      if (!hit) throw new Error(`no rule matches "${line.slice(pos)}" in state ${stack[stack.length - 1]}`);
      const [, action, next] = hit.r;
      const text = hit.m![0];
      let token = typeof action === 'string' ? action : (action.token ?? '');
      if (typeof action !== 'string' && action.cases) {
        const key = Object.keys(action.cases).find((k) => k === '@default' || inList(k.slice(1), text))!;
        token = action.cases[key];
      }
      if (token === '@brackets') token = lang.brackets.find((b) => b.open === text || b.close === text)!.token;
      if (token !== '') out.push([token, text]);
      if (next === '@pop') stack.pop();
      else if (next) stack.push(next.slice(1));
      pos += text.length;
    }
  }
  return out;
}

describe('Monarch definition', () => {
  const lang = createMonarchLanguage(sampleFunctions);

  it('lists the function names of the table, aliases included', () => {
    expect(lang.functions).toContain('Left');
    expect(lang.functions).toContain('Map');
  });

  it('colours a realistic script', () => {
    const source = [
      'note <trans>',
      '// totals',
      '$total = 0; i = 1.5;',
      "s = left(\"a\\\"b\\d\", 2) + 'x';",
      'ok = true && !$jitterbit.target.xml.prettify; /* multi',
      'line */ r = json$item.id$ + a[0];',
      '</trans> after',
    ].join('\n');
    expect(tokenize(lang, source)).toEqual([
      ['comment.outside', 'note '],
      ['tag', '<trans>'],
      ['comment', '// totals'],
      ['variable.global', '$total'],
      ['operator', '='],
      ['number', '0'],
      ['delimiter', ';'],
      ['identifier', 'i'],
      ['operator', '='],
      ['number.float', '1.5'],
      ['delimiter', ';'],
      ['identifier', 's'],
      ['operator', '='],
      ['predefined', 'left'],
      ['delimiter.parenthesis', '('],
      ['string', '"'],
      ['string', 'a'],
      ['string.escape', '\\"'],
      ['string', 'b'],
      ['string', '\\d'],
      ['string', '"'],
      ['delimiter', ','],
      ['number', '2'],
      ['delimiter.parenthesis', ')'],
      ['operator', '+'],
      ['string', "'"],
      ['string', 'x'],
      ['string', "'"],
      ['delimiter', ';'],
      ['identifier', 'ok'],
      ['operator', '='],
      ['keyword', 'true'],
      ['operator', '&&'],
      ['operator', '!'],
      ['variable.global', '$jitterbit.target.xml.prettify'],
      ['delimiter', ';'],
      ['comment', '/*'],
      ['comment', ' multi'],
      ['comment', 'line '],
      ['comment', '*/'],
      ['identifier', 'r'],
      ['operator', '='],
      ['variable.source', 'json$item.id$'],
      ['operator', '+'],
      ['identifier', 'a'],
      ['delimiter.square', '['],
      ['number', '0'],
      ['delimiter.square', ']'],
      ['delimiter', ';'],
      ['tag', '</trans>'],
      ['comment.outside', ' after'],
    ]);
  });

  it('ends a line comment before </trans> as the lexer does', () => {
    expect(tokenize(lang, '<trans> 1 // one </trans>')).toEqual([
      ['tag', '<trans>'],
      ['number', '1'],
      ['comment', '// one '],
      ['tag', '</trans>'],
    ]);
  });

  it('configures comments, brackets and auto-closing quotes outside strings', () => {
    expect(languageConfiguration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    expect(languageConfiguration.autoClosingPairs).toContainEqual({ open: '"', close: '"', notIn: ['string', 'comment'] });
    const words = (text: string) => [...text.matchAll(new RegExp(languageConfiguration.wordPattern, 'g'))].map((m) => m[0]);
    expect(words('$jitterbit.operation.name + root$a.b# + x1 + 2.5')).toEqual(['$jitterbit.operation.name', 'root$a.b#', 'x1', '2.5']);
  });
});
