/**
 * Time zones for ConvertTimeZone, GetUTCFormatted*, Now() (docs/script/dates.md). A zone
 * code is an abbreviation of the table below, a UTC offset (`UTC-8:00`, `GMT+1`, `+05:30`)
 * or an IANA name that Intl knows. Offsets of IANA zones come from Intl.DateTimeFormat, so
 * the same code runs in Node and in the browser.
 *
 * Wall times here are milliseconds of a wall clock counted as if it were UTC, as
 * ScriptDate.ms is.
 */
import { failed } from './errors.ts';

/** A resolved zone: an IANA zone, or a fixed offset from UTC. */
export type Zone = { readonly iana: string } | { readonly offsetMs: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Abbreviations name a region's clock, daylight saving included, as people use them
 * ("PST" all year round): PST and PDT are both America/Los_Angeles. `ignoreDST` gives the
 * standard offset; an offset code (`UTC-8:00`) gives a fixed one. CST is US Central time
 * and IST India, the readings most integrations mean. Matched in any case, as Intl matches
 * IANA names (which would otherwise read "est" as a fixed UTC-5).
 */
const ABBREVIATIONS = new Map<string, Zone>(
  Object.entries({
    UTC: { offsetMs: 0 },
    GMT: { offsetMs: 0 },
    Z: { offsetMs: 0 },
    HST: { iana: 'Pacific/Honolulu' },
    AKST: { iana: 'America/Anchorage' },
    AKDT: { iana: 'America/Anchorage' },
    PST: { iana: 'America/Los_Angeles' },
    PDT: { iana: 'America/Los_Angeles' },
    MST: { iana: 'America/Denver' },
    MDT: { iana: 'America/Denver' },
    CST: { iana: 'America/Chicago' },
    CDT: { iana: 'America/Chicago' },
    EST: { iana: 'America/New_York' },
    EDT: { iana: 'America/New_York' },
    AST: { iana: 'America/Halifax' },
    ADT: { iana: 'America/Halifax' },
    NST: { iana: 'America/St_Johns' },
    NDT: { iana: 'America/St_Johns' },
    BRT: { iana: 'America/Sao_Paulo' },
    ART: { iana: 'America/Argentina/Buenos_Aires' },
    WET: { iana: 'Europe/Lisbon' },
    WEST: { iana: 'Europe/Lisbon' },
    BST: { iana: 'Europe/London' },
    CET: { iana: 'Europe/Paris' },
    CEST: { iana: 'Europe/Paris' },
    EET: { iana: 'Europe/Athens' },
    EEST: { iana: 'Europe/Athens' },
    MSK: { iana: 'Europe/Moscow' },
    SAST: { iana: 'Africa/Johannesburg' },
    GST: { iana: 'Asia/Dubai' },
    IST: { iana: 'Asia/Kolkata' },
    SGT: { iana: 'Asia/Singapore' },
    HKT: { iana: 'Asia/Hong_Kong' },
    JST: { iana: 'Asia/Tokyo' },
    KST: { iana: 'Asia/Seoul' },
    AWST: { iana: 'Australia/Perth' },
    ACST: { iana: 'Australia/Adelaide' },
    ACDT: { iana: 'Australia/Adelaide' },
    AEST: { iana: 'Australia/Sydney' },
    AEDT: { iana: 'Australia/Sydney' },
    NZST: { iana: 'Pacific/Auckland' },
    NZDT: { iana: 'Pacific/Auckland' },
  }),
);

const OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Formatters by IANA name; creating one is far slower than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(iana: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(iana);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: iana, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      return undefined; // RangeError: not a zone Intl knows
    }
    formatters.set(iana, f);
  }
  return f;
}

/**
 * Resolves a zone code; SCRIPT_FAILED naming it when it is none of the three forms
 * (`argument`: the index of the function argument it came from).
 */
export function resolveZone(code: string, argument?: number): Zone {
  const zone = ABBREVIATIONS.get(code.toUpperCase()) ?? fixedOffset(code) ?? (formatter(code) ? { iana: code } : undefined);
  if (!zone) throw failed(`unknown time zone "${code}" (use an IANA name such as America/Los_Angeles, an offset such as UTC-8:00 or an abbreviation such as PST)`, argument);
  return zone;
}

function fixedOffset(code: string): Zone | undefined {
  const m = OFFSET.exec(code);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return { offsetMs: (m[1] === '-' ? -1 : 1) * (hours * HOUR + minutes * 60_000) };
}

/** The zone's offset from UTC (ms, east positive) at a UTC instant. */
export function offsetAt(zone: Zone, utcMs: number): number {
  if ('offsetMs' in zone) return zone.offsetMs;
  let hours = offsetsByHour.get(zone.iana);
  if (!hours || hours.size >= MAX_CACHED_HOURS) offsetsByHour.set(zone.iana, (hours = new Map()));
  const hour = Math.floor(utcMs / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = intlOffset(zone.iana, hour * HOUR);
    offset = first === intlOffset(zone.iana, hour * HOUR + HOUR - 1000) ? first : NaN;
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlOffset(zone.iana, utcMs) : offset;
}

/**
 * Offsets of each zone by UTC hour, for hours without a change (NaN marks an hour with one):
 * asking Intl costs microseconds, and a mapping converts many times in the same hours.
 */
const offsetsByHour = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 4096;

function intlOffset(iana: string, utcMs: number): number {
  const instant = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(iana)!.formatToParts(instant)) p[type] = Number(value);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const wall = new Date(0);
  wall.setUTCFullYear(p.year, p.month - 1, p.day);
  wall.setUTCHours(p.hour, p.minute, p.second, 0);
  return wall.getTime() - instant;
}

/** Standard time: the smaller of the offsets in January and July of the instant's year. */
export function standardOffset(zone: Zone, utcMs: number): number {
  if ('offsetMs' in zone) return zone.offsetMs;
  const year = new Date(utcMs).getUTCFullYear();
  return Math.min(offsetAt(zone, Date.UTC(year, 0, 1)), offsetAt(zone, Date.UTC(year, 6, 1)));
}

/** The wall time of a UTC instant in a zone. */
export function wallFromUtc(utcMs: number, zone: Zone, ignoreDST = false): number {
  return utcMs + (ignoreDST ? standardOffset(zone, utcMs) : offsetAt(zone, utcMs));
}

/**
 * The UTC instant of a wall time in a zone. A wall time that happens twice (clocks going
 * back) is the first one, in daylight time; one that never happens (clocks going forward)
 * is read with the offset before the change, so 02:30 on a spring-forward night is 03:30.
 */
export function utcFromWall(wallMs: number, zone: Zone, ignoreDST = false): number {
  if (ignoreDST) return wallMs - standardOffset(zone, wallMs);
  if ('offsetMs' in zone) return wallMs - zone.offsetMs;
  const before = offsetAt(zone, wallMs - DAY);
  const after = offsetAt(zone, wallMs + DAY);
  const valid = [before, after].filter((o) => offsetAt(zone, wallMs - o) === o);
  if (valid.length === 0) return wallMs - before;
  return wallMs - Math.max(...valid);
}

/** The same instant's wall time in another zone: what ConvertTimeZone computes. */
export function convertWallTime(wallMs: number, from: Zone, to: Zone, ignoreDST = false): number {
  return wallFromUtc(utcFromWall(wallMs, from, ignoreDST), to, ignoreDST);
}
