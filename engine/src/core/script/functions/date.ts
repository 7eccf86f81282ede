/**
 * Date and time functions (docs/script/dates.md). Dates are wall-clock times without a
 * zone; the functions that know about zones (ConvertTimeZone, GetUTCFormatted*, Now) take
 * one as an argument or from the host.
 */
import { daysInMonth, parseDate, toStr } from '../convert.ts';
import { formatDate, parseWithFormat } from '../date-format.ts';
import type { ScriptEnv } from '../env.ts';
import { failed } from '../errors.ts';
import { convertWallTime, resolveZone, utcFromWall, wallFromUtc, type Zone } from '../time-zone.ts';
import { ScriptDate, type ScriptValue } from '../values.ts';
import { bool, date, int, opt, str } from './args.ts';
import type { FunctionExample, FunctionSpec, Param } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The layout dates print in when a function returns one as a string. */
const PLAIN = 'yyyy-mm-dd HH:MM:SS';

const dateParam: Param = { name: 'd', type: 'date' };
const europeanParam: Param = { name: 'isEuropeanFormat', type: 'bool', optional: true, default: 'false', description: 'a string date is read as dd/mm/yyyy' };

/** A date argument that, with `isEuropeanFormat`, reads a string as dd/mm/yyyy rather than mm/dd/yyyy. */
function dateArg(args: ScriptValue[], i: number, european: boolean): ScriptDate {
  const v = args[i];
  if (!european || typeof v !== 'string') return date(args, i);
  const d = parseDate(v.trim().replace(/^(\d{1,2})\/(\d{1,2})\//, '$2/$1/'));
  if (!d) throw failed(`"${v}" is not a dd/mm/yyyy date`, i);
  return d;
}

const zoneArg = (args: ScriptValue[], i: number): Zone => resolveZone(str(args, i), i);

const parts = (d: ScriptDate): Date => new Date(d.ms);

/** Adds months keeping the time of day; a day past the end of the new month becomes its last day. */
function addMonths(ms: number, months: number): number {
  const t = new Date(ms);
  const total = t.getUTCFullYear() * 12 + t.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  t.setUTCFullYear(year, month - 1, Math.min(t.getUTCDate(), daysInMonth(year, month)));
  return t.getTime();
}

/** DateAdd's units (SQL Server dateparts): months for the calendar ones, a length for the rest. */
const DATE_PARTS: [names: string[], unit: { months: number } | { ms: number }][] = [
  [['year', 'yyyy', 'yy'], { months: 12 }],
  [['quarter', 'qq', 'q'], { months: 3 }],
  [['month', 'mm', 'm'], { months: 1 }],
  [['dayofyear', 'dy', 'y', 'day', 'dd', 'd', 'weekday', 'dw', 'w'], { ms: DAY }],
  [['week', 'wk', 'ww'], { ms: 7 * DAY }],
  [['hour', 'hh'], { ms: HOUR }],
  [['minute', 'mi', 'n'], { ms: MINUTE }],
  [['second', 'ss', 's'], { ms: SECOND }],
  [['millisecond', 'ms'], { ms: 1 }],
];
const UNITS = new Map(DATE_PARTS.flatMap(([names, unit]) => names.map((n) => [n, unit] as const)));

/** DateAdd's results stay within the years 1 to 9999, which dates print in. */
const MIN_MS = new Date(0).setUTCFullYear(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function dateAdd(args: ScriptValue[]): string {
  const part = str(args, 0);
  const unit = UNITS.get(part.toLowerCase());
  if (!unit) throw failed(`unknown date part "${part}" (use yyyy, q, m, d, wk, hh, mi, s or one of their other names)`, 0);
  const n = int(args, 1);
  const d = date(args, 2);
  const ms = 'months' in unit ? addMonths(d.ms, n * unit.months) : d.ms + n * unit.ms;
  if (!(ms >= MIN_MS && ms <= MAX_MS)) throw failed('the result is outside the years 1 to 9999');
  return new ScriptDate(ms, d.precise).toString();
}

/** The wall clock of the host's zone now, with milliseconds. */
function wallNow(env: ScriptEnv): number {
  return wallFromUtc(env.host.now(), resolveZone(env.host.timeZone));
}

function example(code: string, value: string | number): FunctionExample {
  return { code, result: { type: typeof value === 'number' ? 'int' : 'string', value } };
}

function failing(code: string): FunctionExample {
  return { code, error: 'SCRIPT_FAILED' };
}

/** A function of one date argument (a date or a date string). */
function ofDate(name: string, summary: string, returns: 'int' | 'string' | 'date', examples: FunctionExample[], compute: (d: ScriptDate) => ScriptValue): FunctionSpec {
  return { name, category: 'date', summary, signatures: [{ params: [dateParam], returns }], examples, impl: (args) => compute(date(args, 0)) };
}

/** The named layouts of the `*Date` / `*Time` helpers: English, whatever the locale. */
const NAMED_LAYOUTS: { name: string; layout: string; summary: string; examples: FunctionExample[] }[] = [
  {
    name: 'GeneralDate',
    layout: 'mm/dd/yyyy HH:MM:SS AM',
    summary: 'The date and time as `mm/dd/yyyy HH:MM:SS AM`, with a 12-hour clock.',
    examples: [example('GeneralDate("2000-09-16 14:05:09")', '09/16/2000 02:05:09 PM'), example('GeneralDate("2024-01-05 00:30:00")', '01/05/2024 12:30:00 AM')],
  },
  {
    name: 'LongDate',
    layout: 'Weekday, Month d, yyyy',
    summary: 'The date spelled out, e.g. `Saturday, September 16, 2000`.',
    examples: [example('LongDate("2000-09-16 14:05:09")', 'Saturday, September 16, 2000'), example('LongDate("2024-02-29")', 'Thursday, February 29, 2024')],
  },
  {
    name: 'LongTime',
    layout: 'HH:MM:SS AM',
    summary: 'The time of day as `HH:MM:SS AM`, with a 12-hour clock.',
    examples: [example('LongTime("2000-09-16 14:05:09")', '02:05:09 PM'), example('LongTime("2000-09-16 12:00:00")', '12:00:00 PM'), example('LongTime("2000-09-16")', '12:00:00 AM')],
  },
  {
    name: 'MediumDate',
    layout: 'dd-Mon-yy',
    summary: 'The date as `dd-Mon-yy`, e.g. `16-Sep-00`.',
    examples: [example('MediumDate("2000-09-16 14:05:09")', '16-Sep-00'), example('MediumDate("12/05/2024")', '05-Dec-24')],
  },
  {
    name: 'MediumTime',
    layout: 'HH:MM AM',
    summary: 'The time of day as `HH:MM AM`, with a 12-hour clock.',
    examples: [example('MediumTime("2000-09-16 14:05:09")', '02:05 PM'), example('MediumTime("2000-09-16 00:05:09")', '12:05 AM')],
  },
  {
    name: 'ShortDate',
    layout: 'm/d/yy',
    summary: 'The date as `m/d/yy`, month and day without leading zeros.',
    examples: [example('ShortDate("2000-09-16 14:05:09")', '9/16/00'), example('ShortDate("2024-01-05")', '1/5/24')],
  },
  {
    name: 'ShortTime',
    layout: 'HH:MM',
    summary: 'The time of day as `HH:MM`, with a 24-hour clock.',
    examples: [example('ShortTime("2000-09-16 14:05:09")', '14:05'), example('ShortTime("2000-09-16")', '00:00')],
  },
];

/** GetUTCFormattedDate and GetUTCFormattedDateTime: a wall time of a zone, as UTC. */
function utcFormatted(name: string, layout: string, summary: string, examples: FunctionExample[]): FunctionSpec {
  return {
    name,
    category: 'date',
    summary,
    signatures: [{ params: [dateParam, { name: 'timeZoneId', type: 'string' }, europeanParam], returns: 'string' }],
    examples,
    impl(args) {
      const d = dateArg(args, 0, opt(args, 2, bool, false));
      return formatDate(new ScriptDate(utcFromWall(d.ms, zoneArg(args, 1))), layout);
    },
  };
}

export const dateFunctions: FunctionSpec[] = [
  {
    name: 'ConvertTimeZone',
    category: 'date',
    summary: 'Reads a date as wall time in one time zone and returns the wall time of the same instant in another, as `yyyy-mm-dd HH:MM:SS`.',
    signatures: [
      {
        params: [dateParam, { name: 'fromTZ', type: 'string' }, { name: 'toTZ', type: 'string' }, europeanParam, { name: 'ignoreDST', type: 'bool', optional: true, default: 'false', description: 'use standard-time offsets all year' }],
        returns: 'string',
      },
    ],
    examples: [
      example('ConvertTimeZone("2024-07-01 12:00:00", "UTC", "America/Los_Angeles")', '2024-07-01 05:00:00'),
      example('ConvertTimeZone("2024-07-01 12:00:00", "UTC", "PST", false, true)', '2024-07-01 04:00:00'),
      example('ConvertTimeZone("16/09/2000 14:05:09", "Europe/Paris", "UTC+05:30", true)', '2000-09-16 17:35:09'),
      failing('ConvertTimeZone(Now(), "UTC", "Mars/Olympus")'),
    ],
    impl(args) {
      const d = dateArg(args, 0, opt(args, 3, bool, false));
      const ms = convertWallTime(d.ms, zoneArg(args, 1), zoneArg(args, 2), opt(args, 4, bool, false));
      return formatDate(new ScriptDate(ms), PLAIN);
    },
  },
  {
    name: 'CVTDate',
    category: 'date',
    summary: 'Reads a text laid out as `inputFormat` (or takes a date as it is) and writes it with `outputFormat`; a text that does not match the input format is an error.',
    signatures: [{ params: [{ name: 'd', type: 'type' }, { name: 'inputFormat', type: 'string' }, { name: 'outputFormat', type: 'string' }], returns: 'string' }],
    examples: [
      example('CVTDate("09/23/2017", "mm/dd/yyyy", "yyyy-mm-dd")', '2017-09-23'),
      example('CVTDate("23-SEP-17 3:07 PM", "dd-MON-yy HH:MM AM", "yyyy-mm-ddTHH:MM:SS")', '2017-09-23T15:07:00'),
      example('CVTDate(20170923, "yyyymmdd", "Month d, yyyy")', 'September 23, 2017'),
      failing('CVTDate("2017-09-23", "mm/dd/yyyy", "yyyy-mm-dd")'),
    ],
    impl(args) {
      const input = args[0];
      const inputFormat = str(args, 1);
      const d = input instanceof ScriptDate ? input : parseWithFormat(str(args, 0), inputFormat);
      if (!d) throw failed(`"${toStr(input)}" does not match the input format "${inputFormat}"`, 0);
      return formatDate(d, str(args, 2));
    },
  },
  {
    name: 'DateAdd',
    category: 'date',
    summary: 'Adds a number of years, quarters, months, weeks, days, hours, minutes or seconds (negative to subtract) and returns `yyyy-mm-dd HH:MM:SS`; a day past the end of the resulting month becomes its last day.',
    signatures: [{ params: [{ name: 'datePart', type: 'string', description: 'yyyy, q, m, d, wk, hh, mi, s (SQL Server dateparts)' }, { name: 'number', type: 'int' }, dateParam], returns: 'string' }],
    examples: [
      example('DateAdd("mm", 1, "2024-01-31")', '2024-02-29 00:00:00'),
      example('DateAdd("yyyy", 1, "2024-02-29 10:00:00")', '2025-02-28 10:00:00'),
      example('DateAdd("hh", -3, "2000-09-16 01:00:00")', '2000-09-15 22:00:00'),
      failing('DateAdd("fortnight", 1, Now())'),
    ],
    impl: dateAdd,
  },
  ofDate('DayOfMonth', 'The day of the month, 1 to 31.', 'int', [example('DayOfMonth("2000-09-16 14:05:09")', 16), example('DayOfMonth("02/29/2024")', 29), failing('DayOfMonth("2023-02-29")')], (d) => parts(d).getUTCDate()),
  ofDate('DayOfWeek', 'The day of the week, 0 for Sunday to 6 for Saturday.', 'int', [example('DayOfWeek("2000-09-16")', 6), example('DayOfWeek("2024-03-10")', 0)], (d) => parts(d).getUTCDay()),
  {
    name: 'FormatDate',
    category: 'date',
    summary: 'Writes a date (a date, a date string or Unix seconds) with a date format string.',
    signatures: [{ params: [{ name: 'd', type: 'type', description: 'a date, a date string or Unix seconds' }, { name: 'format', type: 'string' }], returns: 'string' }],
    examples: [
      example('FormatDate("2024-03-05 14:07:09", "yyyy-mm-ddTHH:MM:SS.zzzZ")', '2024-03-05T14:07:09.000Z'),
      example('FormatDate(Double(Left("1478119530707", 10)), "yyyy-mm-dd")', '2016-11-02'),
      example('FormatDate("2000-09-16 00:05:09", "Ddd dd MON yyyy, HH:MM AM")', 'Sat 16 SEP 2000, 12:05 AM'),
      failing('FormatDate("not a date", "yyyy")'),
    ],
    impl: (args) => formatDate(date(args, 0), str(args, 1)),
  },
  ...NAMED_LAYOUTS.map(({ name, layout, summary, examples }) => ofDate(name, summary, 'string', examples, (d) => formatDate(d, layout))),
  utcFormatted('GetUTCFormattedDate', 'yyyy-mm-dd', 'Reads a date as wall time in a time zone and returns the UTC date of that instant, `yyyy-mm-dd`.', [
    example('GetUTCFormattedDate("2024-07-01 20:00:00", "America/Los_Angeles")', '2024-07-02'),
    example('GetUTCFormattedDate("01/07/2024 20:00", "UTC+01:00", true)', '2024-07-01'),
    failing('GetUTCFormattedDate("2024-07-01", "Nowhere")'),
  ]),
  utcFormatted('GetUTCFormattedDateTime', 'yyyy-mm-ddTHH:MM:SS.zzzZ', 'Reads a date as wall time in a time zone and returns that instant in UTC, `yyyy-mm-ddTHH:MM:SS.000Z`.', [
    example('GetUTCFormattedDateTime("2024-01-15 09:30:00", "CET")', '2024-01-15T08:30:00.000Z'),
    example('GetUTCFormattedDateTime("2024-07-15 09:30:00", "CET")', '2024-07-15T07:30:00.000Z'),
    example('GetUTCFormattedDateTime("15/01/2024 09:30", "UTC-8:00", true)', '2024-01-15T17:30:00.000Z'),
  ]),
  ofDate(
    'LastDayOfMonth',
    "The last day of the date's month, at 00:00:00.",
    'date',
    [
      { code: 'LastDayOfMonth("2024-02-10 14:05:09")', result: { type: 'date', value: '2024-02-29T00:00:00' } },
      { code: 'LastDayOfMonth("2100-02-01")', result: { type: 'date', value: '2100-02-28T00:00:00' } },
      { code: 'LastDayOfMonth(Now())', result: { type: 'date', value: '2000-09-30T00:00:00' } },
    ],
    (d) => {
      const t = parts(d);
      const month = t.getUTCMonth() + 1;
      t.setUTCDate(daysInMonth(t.getUTCFullYear(), month));
      t.setUTCHours(0, 0, 0, 0);
      return new ScriptDate(t.getTime());
    },
  ),
  ofDate('MonthOfYear', 'The month, 1 for January to 12 for December.', 'int', [example('MonthOfYear("2000-09-16 14:05:09")', 9), example('MonthOfYear("December 25, 2018")', 12)], (d) => parts(d).getUTCMonth() + 1),
  {
    name: 'Now',
    category: 'date',
    summary: "The current date and time on the agent's clock (its time zone), to the second.",
    signatures: [{ params: [], returns: 'date' }],
    examples: [{ code: 'Now()', result: { type: 'date', value: '2000-09-16T14:05:09' }, note: 'The test clock stands at 2000-09-16 14:05:09.123 UTC.' }, example('FormatDate(Now(), "yyyy")', '2000')],
    volatile: true,
    impl: (_args, env) => new ScriptDate(Math.floor(wallNow(env) / SECOND) * SECOND),
  },
  {
    name: 'Now_',
    category: 'date',
    summary: 'As `Now()`, keeping the milliseconds.',
    signatures: [{ params: [], returns: 'date' }],
    examples: [{ code: 'Now_()', result: { type: 'date', value: '2000-09-16T14:05:09.123' } }, example('FormatDate(Now_(), "SS.zzz")', '09.123')],
    volatile: true,
    impl: (_args, env) => new ScriptDate(wallNow(env), true),
  },
];
