import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import type { ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { derivedId, LOCAL_AGENT_GROUP } from './environment.ts';
import { builtins } from './index.ts';

const call = (name: string, env: ScriptEnv = testEnv()): ScriptValue => builtins.get(name)!.impl!([], env) as ScriptValue;

describe('environment information', () => {
  it('returns the names of the host environment', () => {
    expect(['GetAgentName', 'GetAgentVersionName', 'GetEnvironmentName', 'GetOrganizationName', 'GetAgentGroupName'].map((f) => call(f))).toEqual([
      'test-agent',
      '0.1.0',
      'Development',
      'default',
      LOCAL_AGENT_GROUP,
    ]);
  });

  it('derives six-digit ids that stay the same for a name and differ between names', () => {
    const ids = ['GetAgentID', 'GetAgentVersionID', 'GetEnvironmentID', 'GetOrganizationID', 'GetAgentGroupID'].map((f) => call(f));
    for (const id of ids) expect(String(id)).toMatch(/^\d{6}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(call('GetEnvironmentID')).toBe(derivedId('environment', 'Development'));
    const production = testEnv({ host: { environment: { agentName: 'a', agentVersion: '1', environmentName: 'Production', organizationName: 'o', serverName: 's' } } });
    expect(call('GetEnvironmentID', production)).not.toBe(call('GetEnvironmentID'));
    expect(call('GetEnvironmentID', production)).toBe(call('GetEnvironmentID', production));
  });

  it('needs the host to provide environment information', () => {
    const env = testEnv({ host: { environment: undefined } });
    for (const spec of builtins.functions.filter((f) => f.category === 'environment')) {
      expect(() => spec.impl!([], env)).toThrow(expect.objectContaining({ code: 'SCRIPT_NEEDS_CAPABILITY' }) as ScriptError);
    }
    expect(builtins.functions.filter((f) => f.category === 'environment')).toHaveLength(10);
  });
});
