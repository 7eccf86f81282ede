import { hostname } from 'node:os';
import { sleep } from '../cancel.ts';
import type { LogLevel, ScriptHost } from '../core/script/env.ts';
import { engineVersion } from '../version.ts';

/**
 * The host a script sees when it runs on this machine (CLI, studio worker): the real clock
 * in the machine's time zone (or `TZ`), and this machine as the "agent". Capabilities that
 * depend on the run (files, operations, scripts, cache) are added by the caller.
 */
export function localHost(options: { log: (level: LogLevel, message: string) => void; signal?: AbortSignal } & Partial<ScriptHost>): ScriptHost {
  const { log, signal, ...rest } = options;
  const machine = hostname();
  return {
    now: () => Date.now(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    random: Math.random,
    log,
    environment: { agentName: machine, agentVersion: engineVersion(), environmentName: 'Local', organizationName: 'local', serverName: machine },
    sleep: (ms) => sleep(ms, signal ?? new AbortController().signal),
    ...rest,
  };
}
