import { describe, expect, it } from 'vitest';
import { ScriptError } from './errors.ts';
import { convertWallTime, offsetAt, resolveZone, standardOffset, utcFromWall, wallFromUtc } from './time-zone.ts';

const HOUR = 3_600_000;
/** Milliseconds of an ISO wall time or instant (read as UTC). */
const t = (iso: string) => Date.parse(`${iso}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

const la = resolveZone('America/Los_Angeles');
const paris = resolveZone('Europe/Paris');
const utc = resolveZone('UTC');

describe('resolveZone', () => {
  it('knows IANA names, offsets and abbreviations', () => {
    expect(resolveZone('Asia/Tokyo')).toEqual({ iana: 'Asia/Tokyo' });
    expect(resolveZone('UTC-8:00')).toEqual({ offsetMs: -8 * HOUR });
    expect(resolveZone('UTC+05:30')).toEqual({ offsetMs: 5.5 * HOUR });
    expect(resolveZone('GMT+1')).toEqual({ offsetMs: HOUR });
    expect(resolveZone('-0330')).toEqual({ offsetMs: -3.5 * HOUR });
    expect(resolveZone('PST')).toEqual({ iana: 'America/Los_Angeles' });
    expect(resolveZone('PDT')).toEqual({ iana: 'America/Los_Angeles' });
    expect(resolveZone('GMT')).toEqual({ offsetMs: 0 });
  });

  it('reads abbreviations in any case, so "est" is New York time as "EST" is', () => {
    expect(resolveZone('est')).toEqual({ iana: 'America/New_York' });
    expect(resolveZone('utc+1')).toEqual({ offsetMs: HOUR });
  });

  it('fails naming an unknown zone', () => {
    for (const code of ['Mars/Olympus', 'XYZ', 'UTC+15', 'UTC+01:75', '']) {
      let error: unknown;
      try {
        resolveZone(code, 2);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ScriptError);
      expect((error as ScriptError).code).toBe('SCRIPT_FAILED');
      expect((error as ScriptError).message).toContain(`"${code}"`);
      expect((error as ScriptError).argument).toBe(2);
    }
  });
});

describe('offsets', () => {
  it('follows daylight saving time', () => {
    expect(offsetAt(la, t('2024-01-15T12:00:00'))).toBe(-8 * HOUR);
    expect(offsetAt(la, t('2024-07-15T12:00:00'))).toBe(-7 * HOUR);
    expect(offsetAt(paris, t('2024-01-15T12:00:00'))).toBe(HOUR);
    expect(offsetAt(paris, t('2024-07-15T12:00:00'))).toBe(2 * HOUR);
  });

  it('changes at the transition instant (Los Angeles, 2024-03-10 10:00 UTC)', () => {
    expect(iso(wallFromUtc(t('2024-03-10T09:59:59'), la))).toBe('2024-03-10T01:59:59');
    expect(iso(wallFromUtc(t('2024-03-10T10:00:00'), la))).toBe('2024-03-10T03:00:00');
    expect(iso(wallFromUtc(t('2024-11-03T08:59:59'), la))).toBe('2024-11-03T01:59:59');
    expect(iso(wallFromUtc(t('2024-11-03T09:00:00'), la))).toBe('2024-11-03T01:00:00');
  });

  it('takes standard time as the smaller offset of the year, in both hemispheres', () => {
    expect(standardOffset(la, t('2024-07-15T12:00:00'))).toBe(-8 * HOUR);
    expect(standardOffset(resolveZone('Australia/Sydney'), t('2024-01-15T12:00:00'))).toBe(10 * HOUR);
    expect(standardOffset(resolveZone('UTC+05:30'), 0)).toBe(5.5 * HOUR);
  });
});

describe('utcFromWall', () => {
  it('reads wall times of ordinary days', () => {
    expect(iso(utcFromWall(t('2024-01-15T12:00:00'), la))).toBe('2024-01-15T20:00:00');
    expect(iso(utcFromWall(t('2024-07-15T12:00:00'), la))).toBe('2024-07-15T19:00:00');
    expect(iso(utcFromWall(t('2024-07-15T12:00:00'), resolveZone('UTC-8:00')))).toBe('2024-07-15T20:00:00');
  });

  it('reads a wall time skipped by spring forward with the offset before (02:30 is 03:30 daylight time)', () => {
    expect(iso(utcFromWall(t('2024-03-10T02:30:00'), la))).toBe('2024-03-10T10:30:00');
    expect(iso(utcFromWall(t('2024-03-10T03:30:00'), la))).toBe('2024-03-10T10:30:00');
    expect(iso(utcFromWall(t('2024-03-31T02:30:00'), paris))).toBe('2024-03-31T01:30:00');
  });

  it('reads a wall time repeated by fall back as the first one (daylight time)', () => {
    expect(iso(utcFromWall(t('2024-11-03T01:30:00'), la))).toBe('2024-11-03T08:30:00');
    expect(iso(utcFromWall(t('2024-11-03T02:30:00'), la))).toBe('2024-11-03T10:30:00');
    expect(iso(utcFromWall(t('2024-10-27T02:30:00'), paris))).toBe('2024-10-27T00:30:00');
    expect(iso(utcFromWall(t('2024-10-27T03:30:00'), paris))).toBe('2024-10-27T02:30:00');
  });

  it('uses the standard offset all year with ignoreDST', () => {
    expect(iso(utcFromWall(t('2024-07-15T12:00:00'), la, true))).toBe('2024-07-15T20:00:00');
  });
});

describe('convertWallTime', () => {
  it('converts between zones', () => {
    expect(iso(convertWallTime(t('2024-07-15T09:00:00'), la, paris))).toBe('2024-07-15T18:00:00');
    expect(iso(convertWallTime(t('2024-03-20T09:00:00'), la, paris))).toBe('2024-03-20T17:00:00'); // US already on DST, Europe not yet
    expect(iso(convertWallTime(t('2024-12-31T23:30:00'), utc, resolveZone('Asia/Tokyo')))).toBe('2025-01-01T08:30:00');
    expect(iso(convertWallTime(t('2024-07-15T09:00:00'), la, paris, true))).toBe('2024-07-15T18:00:00');
  });

  it('handles dates before 1970 and years below 100', () => {
    expect(iso(convertWallTime(t('1960-07-01T12:00:00'), utc, resolveZone('America/New_York')))).toBe('1960-07-01T08:00:00');
    const d = new Date(0);
    d.setUTCFullYear(50, 5, 1);
    expect(convertWallTime(d.getTime(), utc, resolveZone('UTC+2')) - d.getTime()).toBe(2 * HOUR);
    expect(Math.abs(offsetAt(paris, d.getTime()))).toBeLessThan(2 * HOUR);
  });
});
