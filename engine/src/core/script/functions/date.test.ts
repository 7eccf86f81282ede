import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import { ScriptError } from '../errors.ts';
import { ScriptDate, toTyped, type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

function call(name: string, args: ScriptValue[], env: ScriptEnv = testEnv()): ScriptValue {
  return builtins.get(name)!.impl!(args, env) as ScriptValue;
}

/** The error a call throws: its code and the argument it blames. */
function failure(name: string, args: ScriptValue[]): { code: string; argument?: number; message: string } {
  try {
    call(name, args);
  } catch (err) {
    if (err instanceof ScriptError) return { code: err.code, argument: err.argument, message: err.message };
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

const date = (iso: string) => new ScriptDate(Date.parse(`${iso}Z`));

describe('Now and Now_', () => {
  it("show the host clock's wall time, Now to the second", () => {
    expect(toTyped(call('Now', []))).toEqual({ type: 'date', value: '2000-09-16T14:05:09' });
    expect(toTyped(call('Now_', []))).toEqual({ type: 'date', value: '2000-09-16T14:05:09.123' });
  });

  it("use the host's time zone, daylight saving included", () => {
    const env = testEnv({ host: { timeZone: 'America/Los_Angeles' } });
    expect(String(call('Now', [], env))).toBe('2000-09-16 07:05:09');
    const paris = testEnv({ host: { timeZone: 'Europe/Paris', now: () => Date.UTC(2024, 0, 15, 23, 30) } });
    expect(String(call('Now', [], paris))).toBe('2024-01-16 00:30:00');
  });

  it('are volatile', () => {
    expect(builtins.get('Now')!.volatile).toBe(true);
    expect(builtins.get('Now_')!.volatile).toBe(true);
  });
});

describe('named layouts', () => {
  it('match the documented table for 2000-09-16 14:05:09', () => {
    const d = date('2000-09-16T14:05:09');
    const layouts = ['GeneralDate', 'LongDate', 'LongTime', 'MediumDate', 'MediumTime', 'ShortDate', 'ShortTime'].map((f) => call(f, [d]));
    expect(layouts).toEqual(['09/16/2000 02:05:09 PM', 'Saturday, September 16, 2000', '02:05:09 PM', '16-Sep-00', '02:05 PM', '9/16/00', '14:05']);
  });

  it('show midnight as 12 AM and noon as 12 PM', () => {
    expect(call('LongTime', ['2000-09-16 00:00:00'])).toBe('12:00:00 AM');
    expect(call('MediumTime', ['2000-09-16 12:59:00'])).toBe('12:59 PM');
    expect(call('GeneralDate', ['2000-09-16 00:01:02'])).toBe('09/16/2000 12:01:02 AM');
  });

  it('read date strings and fail on others', () => {
    expect(call('ShortDate', ['December 25, 2018'])).toBe('12/25/18');
    expect(failure('LongDate', ['not a date']).code).toBe('SCRIPT_FAILED');
  });
});

describe('FormatDate', () => {
  it('formats dates, date strings and Unix seconds', () => {
    expect(call('FormatDate', ['2024-03-05 14:07:09', 'yyyy-mm-ddTHH:MM:SS.zzzZ'])).toBe('2024-03-05T14:07:09.000Z');
    expect(call('FormatDate', [1478119530, 'yyyy-mm-dd HH:MM:SS'])).toBe('2016-11-02 20:45:30');
    expect(call('FormatDate', [call('Now_', []), 'HH:MM:SS.zzz'])).toBe('14:05:09.123');
  });

  it('blames the date argument when it is not a date', () => {
    expect(failure('FormatDate', ['31/12/2024', 'yyyy'])).toMatchObject({ code: 'SCRIPT_FAILED', argument: 0 });
  });
});

describe('CVTDate', () => {
  it('reads the input layout and writes the output layout', () => {
    expect(call('CVTDate', ['09/23/2017', 'mm/dd/yyyy', 'yyyy-mm-dd'])).toBe('2017-09-23');
    expect(call('CVTDate', ['23.09.2017 15:07', 'dd.mm.yyyy HH:MM', 'mm/dd/yyyy HH:MM AM'])).toBe('09/23/2017 03:07 PM');
    expect(call('CVTDate', [20170923, 'yyyymmdd', 'dd MON yyyy'])).toBe('23 SEP 2017');
  });

  it('takes a date as it is, whatever the input format', () => {
    expect(call('CVTDate', [date('2017-09-23T10:00:00'), 'mm/dd/yyyy', 'yyyy'])).toBe('2017');
  });

  it('fails on a text that does not match', () => {
    expect(failure('CVTDate', ['2017-09-23', 'mm/dd/yyyy', 'yyyy'])).toMatchObject({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(failure('CVTDate', ['02/30/2017', 'mm/dd/yyyy', 'yyyy']).code).toBe('SCRIPT_FAILED');
  });
});

describe('DateAdd', () => {
  const add = (part: string, n: number, d: ScriptValue) => call('DateAdd', [part, n, d]);

  it('clamps month arithmetic to the end of the month, leap years included', () => {
    expect(add('mm', 1, '2024-01-31')).toBe('2024-02-29 00:00:00');
    expect(add('m', 1, '2023-01-31')).toBe('2023-02-28 00:00:00');
    expect(add('month', 2, '2024-01-31 08:30:00')).toBe('2024-03-31 08:30:00');
    expect(add('mm', -1, '2024-03-31')).toBe('2024-02-29 00:00:00');
    expect(add('yyyy', 1, '2024-02-29')).toBe('2025-02-28 00:00:00');
    expect(add('yy', 4, '2024-02-29')).toBe('2028-02-29 00:00:00');
    expect(add('q', 1, '2024-11-30')).toBe('2025-02-28 00:00:00');
    expect(add('qq', -4, '2024-02-29')).toBe('2023-02-28 00:00:00');
  });

  it('adds fixed units', () => {
    const d = '2000-09-16 14:05:09';
    expect([add('d', 1, d), add('dd', -16, d), add('y', 1, d), add('dy', 1, d), add('dw', 1, d), add('w', 1, d)]).toEqual([
      '2000-09-17 14:05:09',
      '2000-08-31 14:05:09',
      '2000-09-17 14:05:09',
      '2000-09-17 14:05:09',
      '2000-09-17 14:05:09',
      '2000-09-17 14:05:09',
    ]);
    expect([add('wk', 2, d), add('ww', -1, d), add('hh', 10, d), add('mi', -6, d), add('n', 55, d), add('ss', 51, d), add('s', -10, d)]).toEqual([
      '2000-09-30 14:05:09',
      '2000-09-09 14:05:09',
      '2000-09-17 00:05:09',
      '2000-09-16 13:59:09',
      '2000-09-16 15:00:09',
      '2000-09-16 14:06:00',
      '2000-09-16 14:04:59',
    ]);
  });

  it('adds whole days across the leap day, with no time zone to shift hours', () => {
    expect(add('d', 1, '2024-02-28 23:00:00')).toBe('2024-02-29 23:00:00');
    expect(add('d', 1, '2024-03-09 02:30:00')).toBe('2024-03-10 02:30:00');
    expect(add('hh', 24, '2100-02-28')).toBe('2100-03-01 00:00:00');
  });

  it('reads date parts in any case, truncates the number and keeps milliseconds of precise dates', () => {
    expect(add('YYYY', 1, '2000-01-01')).toBe('2001-01-01 00:00:00');
    expect(add('d', 1.9, '2000-01-01')).toBe('2000-01-02 00:00:00');
    expect(add('ms', 1, call('Now_', []))).toBe('2000-09-16 14:05:09.124');
  });

  it('fails on unknown parts and results outside the years 1 to 9999', () => {
    expect(failure('DateAdd', ['fortnight', 1, '2000-01-01'])).toMatchObject({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(failure('DateAdd', ['yyyy', 8000, '2000-01-01']).code).toBe('SCRIPT_FAILED');
    expect(failure('DateAdd', ['d', 1e12, '2000-01-01']).code).toBe('SCRIPT_FAILED');
    expect(add('yyyy', 7999, '2000-12-31')).toBe('9999-12-31 00:00:00');
  });
});

describe('parts of a date', () => {
  it('DayOfMonth, DayOfWeek and MonthOfYear', () => {
    expect(call('DayOfMonth', ['02/29/2024'])).toBe(29);
    expect(call('DayOfWeek', ['2000-09-16'])).toBe(6);
    expect(call('DayOfWeek', ['2024-03-10 23:59:59'])).toBe(0);
    expect(call('MonthOfYear', [date('1999-12-31T23:59:59')])).toBe(12);
    expect(call('MonthOfYear', [0])).toBe(1);
    expect(failure('DayOfMonth', ['2023-02-29']).code).toBe('SCRIPT_FAILED');
  });

  it('LastDayOfMonth returns a date at midnight, leap years handled', () => {
    expect(toTyped(call('LastDayOfMonth', ['2024-02-10 14:05:09']))).toEqual({ type: 'date', value: '2024-02-29T00:00:00' });
    expect(String(call('LastDayOfMonth', ['2023-02-10']))).toBe('2023-02-28 00:00:00');
    expect(String(call('LastDayOfMonth', ['2000-02-01']))).toBe('2000-02-29 00:00:00');
    expect(String(call('LastDayOfMonth', ['1900-02-01']))).toBe('1900-02-28 00:00:00');
    expect(String(call('LastDayOfMonth', ['2024-12-31 23:59:59']))).toBe('2024-12-31 00:00:00');
  });
});

describe('ConvertTimeZone', () => {
  const convert = (...args: ScriptValue[]) => call('ConvertTimeZone', args);

  it('converts across the Los Angeles DST transitions', () => {
    expect(convert('2024-03-10 09:59:59', 'UTC', 'America/Los_Angeles')).toBe('2024-03-10 01:59:59');
    expect(convert('2024-03-10 10:00:00', 'UTC', 'America/Los_Angeles')).toBe('2024-03-10 03:00:00');
    expect(convert('2024-03-10 02:30:00', 'America/Los_Angeles', 'UTC')).toBe('2024-03-10 10:30:00');
    expect(convert('2024-11-03 01:30:00', 'PST', 'UTC')).toBe('2024-11-03 08:30:00');
    expect(convert('2024-11-03 09:30:00', 'UTC', 'PDT')).toBe('2024-11-03 01:30:00');
  });

  it('converts across the Paris DST transitions', () => {
    expect(convert('2024-03-31 00:59:59', 'UTC', 'Europe/Paris')).toBe('2024-03-31 01:59:59');
    expect(convert('2024-03-31 01:00:00', 'UTC', 'Europe/Paris')).toBe('2024-03-31 03:00:00');
    expect(convert('2024-10-27 01:00:00', 'UTC', 'CET')).toBe('2024-10-27 02:00:00');
    expect(convert('2024-07-01 12:00:00', 'Europe/Paris', 'America/Los_Angeles')).toBe('2024-07-01 03:00:00');
  });

  it('uses standard offsets only with ignoreDST', () => {
    expect(convert('2024-07-01 12:00:00', 'UTC', 'America/Los_Angeles', false, true)).toBe('2024-07-01 04:00:00');
    expect(convert('2024-07-01 12:00:00', 'Europe/Paris', 'UTC', false, true)).toBe('2024-07-01 11:00:00');
  });

  it('reads dd/mm/yyyy with isEuropeanFormat', () => {
    expect(convert('01/02/2024 10:00', 'UTC', 'UTC+01:00', true)).toBe('2024-02-01 11:00:00');
    expect(convert('01/02/2024 10:00', 'UTC', 'UTC+01:00')).toBe('2024-01-02 11:00:00');
    expect(failure('ConvertTimeZone', ['13/13/2024', 'UTC', 'UTC', true])).toMatchObject({ code: 'SCRIPT_FAILED', argument: 0 });
  });

  it('fails naming an unknown zone and the argument it came from', () => {
    const error = failure('ConvertTimeZone', ['2024-01-01', 'UTC', 'Mars/Olympus']);
    expect(error).toMatchObject({ code: 'SCRIPT_FAILED', argument: 2 });
    expect(error.message).toContain('Mars/Olympus');
  });
});

describe('GetUTCFormattedDate and GetUTCFormattedDateTime', () => {
  it('convert a zone wall time to UTC', () => {
    expect(call('GetUTCFormattedDate', ['2024-07-01 20:00:00', 'America/Los_Angeles'])).toBe('2024-07-02');
    expect(call('GetUTCFormattedDateTime', ['2024-01-15 09:30:00', 'Europe/Paris'])).toBe('2024-01-15T08:30:00.000Z');
    expect(call('GetUTCFormattedDateTime', ['2024-07-15 09:30:00', 'Europe/Paris'])).toBe('2024-07-15T07:30:00.000Z');
    expect(call('GetUTCFormattedDateTime', ['15/01/2024 09:30', 'EST', true])).toBe('2024-01-15T14:30:00.000Z');
    expect(call('GetUTCFormattedDateTime', [call('Now_', []), 'UTC'])).toBe('2000-09-16T14:05:09.123Z');
  });

  it('fail on an unknown zone', () => {
    expect(failure('GetUTCFormattedDate', ['2024-07-01', 'Nowhere'])).toMatchObject({ code: 'SCRIPT_FAILED', argument: 1 });
  });
});
