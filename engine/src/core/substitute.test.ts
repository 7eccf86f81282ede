import { describe, expect, it } from 'vitest';
import { substituteDeep, substituteVariables } from './substitute.ts';

const vars: Record<string, unknown> = { folder: 'out', 'run.id': 'r1', n: 3 };
const lookup = (name: string) => vars[name];

describe('substituteVariables', () => {
  it('replaces references, keeps escaped brackets and leaves plain text alone', () => {
    expect(substituteVariables('data/[folder]/orders-[run.id]-[n].json', lookup)).toBe('data/out/orders-r1-3.json');
    expect(substituteVariables('[[ab]*.csv', lookup)).toBe('[ab]*.csv');
    expect(substituteVariables('no refs here', lookup)).toBe('no refs here');
  });

  it('refuses an unknown variable and says where', () => {
    expect(() => substituteVariables('x/[nope]', lookup, { file: 'endpoints/out.json', path: '$.settings.folder' })).toThrow(
      expect.objectContaining({ code: 'VARIABLE_UNDEFINED', location: { file: 'endpoints/out.json', path: '$.settings.folder' } }),
    );
  });

  it('substitutes nested settings with the JSON path of each field', () => {
    expect(substituteDeep({ a: '[folder]', b: ['[n]'], c: 1 }, lookup, {})).toEqual({ a: 'out', b: ['3'], c: 1 });
    expect(() => substituteDeep({ b: ['ok', '[x]'] }, lookup, { file: 'f' })).toThrow(
      expect.objectContaining({ location: { file: 'f', path: '$.b[1]' } }),
    );
  });
});
