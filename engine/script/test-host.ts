/**
 * A deterministic host for script tests, conformance cases and function examples: the clock
 * stands at 2000-09-16 14:05:09.123 UTC (the date the reference documentation uses in its
 * layout table), the zone is UTC and random numbers come from a fixed seed.
 */
import { createEnv, Globals, type LogLevel, type ScriptEnv, type ScriptHost } from '../src/core/script/env.ts';

export const TEST_NOW = Date.UTC(2000, 8, 16, 14, 5, 9, 123);

/** mulberry32: a tiny seeded generator, so "random" examples give the same values every run. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TestHost = ScriptHost & { messages: { level: LogLevel; message: string }[] };

export function testHost(overrides: Partial<ScriptHost> = {}): TestHost {
  const messages: { level: LogLevel; message: string }[] = [];
  return {
    now: () => TEST_NOW,
    timeZone: 'UTC',
    random: seededRandom(),
    log: (level, message) => messages.push({ level, message }),
    environment: { agentName: 'test-agent', agentVersion: '0.1.0', environmentName: 'Development', organizationName: 'default', serverName: 'test-server' },
    messages,
    ...overrides,
  };
}

export function testEnv(options: { host?: Partial<ScriptHost>; globals?: Record<string, unknown>; async?: boolean } = {}): ScriptEnv & { host: TestHost } {
  const host = testHost(options.host);
  return createEnv({ host, globals: new Globals(new Map(Object.entries(options.globals ?? {}))), async: options.async }) as ScriptEnv & { host: TestHost };
}
