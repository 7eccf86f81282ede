/**
 * The local cache behind ReadCache / WriteCache in the CLI and the runtime: entries per
 * scope, each expiring a number of seconds after it was last written or read, on the clock
 * the cache is given (the script host's, so tests can move time).
 */
import type { CacheCapability } from './env.ts';
import { copyValue, type ScriptValue } from './values.ts';

/** The longest an entry lives without being read or written again: 30 days. */
export const MAX_EXPIRATION_SECONDS = 30 * 24 * 3600;

interface Entry {
  value: ScriptValue;
  expiresAt: number;
}

/** Expired entries nobody reads again are dropped every this many writes. */
const SWEEP_EVERY = 1024;

export class MemoryCache implements CacheCapability {
  private readonly scopes = new Map<string, Map<string, Entry>>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The value, or null when absent or expired; a hit lives `expirationSeconds` more. */
  read(name: string, scope: string, expirationSeconds: number): ScriptValue {
    const entries = this.scopes.get(scope);
    const entry = entries?.get(name);
    if (!entry) return null;
    const now = this.now();
    if (entry.expiresAt <= now) {
      entries!.delete(name);
      return null;
    }
    entry.expiresAt = now + lifetime(expirationSeconds);
    return copyValue(entry.value);
  }

  /** Stores a copy of the value (arrays and dictionaries are values); null removes the entry. */
  write(name: string, scope: string, value: ScriptValue, expirationSeconds: number): void {
    let entries = this.scopes.get(scope);
    if (value === null) {
      entries?.delete(name);
      return;
    }
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    entries.set(name, { value: copyValue(value), expiresAt: this.now() + lifetime(expirationSeconds) });
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    for (const entries of this.scopes.values()) {
      for (const [name, entry] of entries) if (entry.expiresAt <= now) entries.delete(name);
    }
  }
}

/** Milliseconds an entry lives: the expiration capped at 30 days. */
function lifetime(expirationSeconds: number): number {
  return Math.min(expirationSeconds, MAX_EXPIRATION_SECONDS) * 1000;
}
