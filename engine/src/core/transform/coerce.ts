import { ChorusError } from '../errors.ts';
import type { FieldType } from '../model/schema.ts';

export type Coerce = (value: unknown) => unknown;

const identity: Coerce = (v) => v;

/**
 * Converts a mapped value to a target type. Data from CSV arrives as text, so "42" becomes 42
 * for a number field. Empty text and null become null; undefined stays undefined (the
 * field is left out). A value that cannot convert throws TRANSFORM_TYPE naming the field.
 */
export function coercer(type: FieldType | undefined, field: string): Coerce {
  const fail = (value: unknown, what: string): never => {
    throw new ChorusError('TRANSFORM_TYPE', `target field "${field}": ${JSON.stringify(value)} is not ${what}`);
  };
  const blank = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '');
  switch (type) {
    case undefined:
    case 'any':
    case 'object':
      return identity;
    case 'string':
      return (v) => (v === undefined || v === null ? v : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));
    case 'number':
      return (v) => {
        if (v === undefined || typeof v === 'number') return v;
        if (blank(v)) return null;
        const n = typeof v === 'string' ? decimal(v) : typeof v === 'boolean' ? Number(v) : NaN;
        return Number.isFinite(n) ? n : fail(v, 'a number');
      };
    case 'integer':
      return (v) => {
        if (v === undefined) return v;
        if (blank(v)) return null;
        const n = typeof v === 'number' ? v : typeof v === 'string' ? decimal(v) : NaN;
        return Number.isInteger(n) ? n : fail(v, 'a whole number');
      };
    case 'boolean':
      return (v) => {
        if (v === undefined || typeof v === 'boolean') return v;
        if (blank(v)) return null;
        if (typeof v === 'number') return v !== 0;
        const s = String(v).trim().toLowerCase();
        if (s === 'true' || s === '1' || s === 'yes' || s === 'y') return true;
        if (s === 'false' || s === '0' || s === 'no' || s === 'n') return false;
        return fail(v, 'true or false');
      };
    case 'date':
    case 'datetime':
      return (v) => {
        if (v === undefined) return v;
        if (blank(v)) return null;
        const d = v instanceof Date ? v : typeof v === 'string' ? parseDate(v) : typeof v === 'number' ? new Date(v) : new Date(NaN);
        if (Number.isNaN(d.getTime())) return fail(v, type === 'date' ? 'a date' : 'a date and time');
        const iso = d.toISOString();
        return type === 'date' ? iso.slice(0, 10) : iso;
      };
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number written as text ("12", "-3.5", "1e3"); anything else (hex, "Infinity") is NaN. */
function decimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

const HAS_ZONE = /(Z|[+-]\d\d:?\d\d|\b(GMT|UTC))\s*$/i;

/**
 * Parses a date text. One without a time zone is read as UTC, so the same data gives the same
 * dates on every machine (JavaScript would read "2026-03-05T00:30" in the machine's zone).
 */
function parseDate(text: string): Date {
  const t = text.trim();
  const d = new Date(t);
  if (Number.isNaN(d.getTime()) || HAS_ZONE.test(t) || /^\d{4}-\d\d-\d\d$/.test(t)) return d;
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()));
}
