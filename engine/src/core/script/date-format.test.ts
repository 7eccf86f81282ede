import { describe, expect, it } from 'vitest';
import { formatDate, parseWithFormat } from './date-format.ts';
import { ScriptDate } from './values.ts';

/** A date from an ISO wall time, as scripts hold them (no zone). */
const at = (iso: string, precise = false) => new ScriptDate(Date.parse(`${iso}Z`), precise);
const sample = at('2000-09-16T14:05:09');

describe('formatDate', () => {
  it('writes the documented named layouts for 2000-09-16 14:05:09', () => {
    expect(formatDate(sample, 'mm/dd/yyyy HH:MM:SS AM')).toBe('09/16/2000 02:05:09 PM');
    expect(formatDate(sample, 'Weekday, Month d, yyyy')).toBe('Saturday, September 16, 2000');
    expect(formatDate(sample, 'HH:MM:SS AM')).toBe('02:05:09 PM');
    expect(formatDate(sample, 'dd-Mon-yy')).toBe('16-Sep-00');
    expect(formatDate(sample, 'HH:MM AM')).toBe('02:05 PM');
    expect(formatDate(sample, 'm/d/yy')).toBe('9/16/00');
    expect(formatDate(sample, 'HH:MM')).toBe('14:05');
  });

  it('writes each token, lowercase mm the month and uppercase MM the minute', () => {
    expect(formatDate(sample, 'yyyy yy mm m dd d HH MM SS')).toBe('2000 00 09 9 16 16 14 05 09');
    expect(formatDate(at('2024-03-05T04:07:01'), 'm/d H:M:S')).toBe('3/5 H:M:S');
  });

  it('writes names in the case of their token', () => {
    expect(formatDate(sample, 'mon Mon MON')).toBe('sep Sep SEP');
    expect(formatDate(sample, 'month Month MONTH')).toBe('september September SEPTEMBER');
    expect(formatDate(sample, 'ddd Ddd DDD')).toBe('sat Sat SAT');
    expect(formatDate(sample, 'weekday Weekday WEEKDAY')).toBe('saturday Saturday SATURDAY');
  });

  it('writes one fraction digit per z', () => {
    const d = at('2024-03-05T14:07:09.123', true);
    expect(['z', 'zz', 'zzz', 'zzzz', 'zzzzzz'].map((f) => formatDate(d, f))).toEqual(['1', '12', '123', '1230', '123000']);
    expect(formatDate(at('2024-03-05T14:07:09'), 'yyyy-mm-ddTHH:MM:SS.zzzZ')).toBe('2024-03-05T14:07:09.000Z');
  });

  it('uses a 12-hour clock when the format has AM, PM or AP: 00:xx is 12 AM, 12:xx is 12 PM', () => {
    const hours = ['00:05', '01:00', '11:59', '12:00', '12:30', '13:00', '23:59'].map((t) => formatDate(at(`2000-01-01T${t}:00`), 'HH:MM AP'));
    expect(hours).toEqual(['12:05 AM', '01:00 AM', '11:59 AM', '12:00 PM', '12:30 PM', '01:00 PM', '11:59 PM']);
    expect(formatDate(at('2000-01-01T00:05:00'), 'HH:MM PM')).toBe('12:05 AM');
    expect(formatDate(at('2000-01-01T00:05:00'), 'HH:MM')).toBe('00:05');
  });

  it('copies other characters, and ? on output', () => {
    expect(formatDate(sample, 'Date: yyyy/mm/dd T? [x]')).toBe('Date: 2000/09/16 T? [x]');
    expect(formatDate(sample, '')).toBe('');
  });

  it('keeps formats apart however many are used', () => {
    const formats = Array.from({ length: 600 }, (_, i) => `yyyy#${i}`);
    expect(formats.map((f) => formatDate(sample, f)).every((s, i) => s === `2000#${i}`)).toBe(true);
    expect(formatDate(sample, 'yyyy#0')).toBe('2000#0');
  });
});

describe('parseWithFormat', () => {
  const read = (text: string, format: string) => parseWithFormat(text, format)?.toString();

  it('reads what formatDate writes', () => {
    for (const format of ['mm/dd/yyyy HH:MM:SS AM', 'Weekday, Month d, yyyy HH:MM:SS', 'dd-Mon-yyyy HH:MM:SS', 'yyyymmddHHMMSS', 'Ddd, dd MON yyyy HH:MM:SS']) {
      expect(read(formatDate(sample, format), format)).toBe('2000-09-16 14:05:09');
    }
  });

  it('reads one or two digits for two-digit fields', () => {
    expect(read('9/3/2017 7:05', 'mm/dd/yyyy HH:MM')).toBe('2017-09-03 07:05:00');
    expect(read('20170923', 'yyyymmdd')).toBe('2017-09-23 00:00:00');
  });

  it('reads names in any case', () => {
    expect(read('23-sep-17', 'dd-MON-yy')).toBe('2017-09-23 00:00:00');
    expect(read('SEPTEMBER 23, 2017', 'Month dd, yyyy')).toBe('2017-09-23 00:00:00');
    expect(read('Sep 23, 2017', 'Mon dd, yyyy')).toBe('2017-09-23 00:00:00');
    expect(read('Sept 23, 2017', 'Mon dd, yyyy')).toBeUndefined();
    expect(read('Xyz, 23 Sep 2017', 'Ddd, dd Mon yyyy')).toBeUndefined();
  });

  it('reads two-digit years as 1969-2068', () => {
    expect(read('01/01/68', 'mm/dd/yy')).toBe('2068-01-01 00:00:00');
    expect(read('01/01/69', 'mm/dd/yy')).toBe('1969-01-01 00:00:00');
    expect(read('01/01/00', 'mm/dd/yy')).toBe('2000-01-01 00:00:00');
  });

  it('reads 12-hour times: 12 AM is midnight, 12 PM noon, 13 PM nothing', () => {
    expect(read('12:30 AM', 'HH:MM AM')).toBe('1970-01-01 00:30:00');
    expect(read('12:30 pm', 'HH:MM AM')).toBe('1970-01-01 12:30:00');
    expect(read('01:30 PM', 'HH:MM AP')).toBe('1970-01-01 13:30:00');
    expect(read('13:30 PM', 'HH:MM AM')).toBeUndefined();
    expect(read('00:30 AM', 'HH:MM AM')).toBeUndefined();
  });

  it('reads fractions into precise dates', () => {
    const d = parseWithFormat('2024-03-05T14:07:09.5Z', 'yyyy-mm-ddTHH:MM:SS.zzzZ');
    expect(d?.toString()).toBe('2024-03-05 14:07:09.500');
    expect(parseWithFormat('2024-03-05', 'yyyy-mm-dd')?.precise).toBe(false);
    const ms = Array.from({ length: 1000 }, (_, i) => parseWithFormat(`00.${String(i).padStart(3, '0')}`, 'SS.zzz')?.ms);
    expect(ms.every((m, i) => m === i)).toBe(true);
    expect(parseWithFormat('00.123456', 'SS.zzzzzz')?.ms).toBe(123);
  });

  it('matches any one character with ?', () => {
    expect(read('2017x09y23', 'yyyy?mm?dd')).toBe('2017-09-23 00:00:00');
    expect(read('2017-09', 'yyyy?mm?dd')).toBeUndefined();
  });

  it('fills missing fields from 1970-01-01 00:00:00', () => {
    expect(read('14:05', 'HH:MM')).toBe('1970-01-01 14:05:00');
    expect(read('2017', 'yyyy')).toBe('2017-01-01 00:00:00');
  });

  it('rejects mismatches, leftovers and impossible dates', () => {
    expect(read('2017-09-23', 'mm/dd/yyyy')).toBeUndefined();
    expect(read('09/23/2017 10:00', 'mm/dd/yyyy')).toBeUndefined();
    expect(read('02/30/2024', 'mm/dd/yyyy')).toBeUndefined();
    expect(read('02/29/2023', 'mm/dd/yyyy')).toBeUndefined();
    expect(read('02/29/2024', 'mm/dd/yyyy')).toBe('2024-02-29 00:00:00');
    expect(read('24:00', 'HH:MM')).toBeUndefined();
    expect(read('', 'yyyy')).toBeUndefined();
  });

  it('ignores white space around the text', () => {
    expect(read('  09/23/2017 ', 'mm/dd/yyyy')).toBe('2017-09-23 00:00:00');
  });
});
