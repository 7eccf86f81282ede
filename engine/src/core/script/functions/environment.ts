/**
 * Environment information: names come from the host's EnvironmentInfo (the local runtime:
 * machine name, Chorus version, the project's current environment); ids are derived from
 * the names (docs/script/dates.md, "Environment information"), so they are stable from run
 * to run and differ when the name does.
 */
import type { EnvironmentInfo } from '../env.ts';
import { scriptError } from '../errors.ts';
import type { FunctionSpec } from './types.ts';

/** The local runtime is a group of one agent; EnvironmentInfo has no group name to report. */
export const LOCAL_AGENT_GROUP = 'Local Agent Group';

/** A six-digit id from a name: FNV-1a of `kind:name`, like the reference's numeric ids. */
export function derivedId(kind: string, name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${kind}:${name}`)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return (hash % 900_000) + 100_000;
}

/** One pair of functions, `Get<thing>ID` and `Get<thing>Name`, and the examples under the test host. */
interface Subject {
  thing: string;
  kind: string;
  name: (e: EnvironmentInfo) => string;
  what: string;
  testName: string;
  testId: number;
}

const SUBJECTS: Subject[] = [
  { thing: 'AgentGroup', kind: 'agentGroup', name: () => LOCAL_AGENT_GROUP, what: 'the agent group running the script (locally always "Local Agent Group")', testName: LOCAL_AGENT_GROUP, testId: 433454 },
  { thing: 'Agent', kind: 'agent', name: (e) => e.agentName, what: 'the agent running the script (locally the machine name)', testName: 'test-agent', testId: 391884 },
  { thing: 'AgentVersion', kind: 'agentVersion', name: (e) => e.agentVersion, what: 'the version of the agent (locally the Chorus version)', testName: '0.1.0', testId: 465687 },
  { thing: 'Environment', kind: 'environment', name: (e) => e.environmentName, what: "the project's current environment", testName: 'Development', testId: 421425 },
  { thing: 'Organization', kind: 'organization', name: (e) => e.organizationName, what: 'the organization the project belongs to', testName: 'default', testId: 157325 },
];

function environmentOf(info: EnvironmentInfo | undefined): EnvironmentInfo {
  if (!info) throw scriptError('SCRIPT_NEEDS_CAPABILITY', 'needs agent environment information, which this host does not provide');
  return info;
}

export const environmentFunctions: FunctionSpec[] = SUBJECTS.flatMap(({ thing, kind, name, what, testName, testId }): FunctionSpec[] => [
  {
    name: `Get${thing}ID`,
    category: 'environment',
    summary: `The numeric id of ${what}, derived from its name.`,
    signatures: [{ params: [], returns: 'int' }],
    examples: [
      { code: `Get${thing}ID()`, result: { type: 'int', value: testId } },
      { code: `Get${thing}ID() == Get${thing}ID()`, result: { type: 'bool', value: true } },
    ],
    impl: (_args, env) => derivedId(kind, name(environmentOf(env.host.environment))),
  },
  {
    name: `Get${thing}Name`,
    category: 'environment',
    summary: `The name of ${what}.`,
    signatures: [{ params: [], returns: 'string' }],
    examples: [
      { code: `Get${thing}Name()`, result: { type: 'string', value: testName } },
      { code: `Get${thing}Name() != ""`, result: { type: 'bool', value: true } },
    ],
    impl: (_args, env) => name(environmentOf(env.host.environment)),
  },
]);
