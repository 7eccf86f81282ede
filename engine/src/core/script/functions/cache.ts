/**
 * ReadCache / WriteCache through the host's cache (MemoryCache locally). Without one they
 * fail with SCRIPT_NEEDS_CAPABILITY rather than silently forgetting values.
 */
import type { CacheCapability, ScriptEnv } from '../env.ts';
import { failed, scriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { int, opt, str } from './args.ts';
import type { FunctionSpec, Param } from './types.ts';

const DEFAULT_EXPIRATION = 1800;
const SCOPES = ['project', 'environment'];

const nameParam: Param = { name: 'name', type: 'string' };
const expirationParam: Param = { name: 'expirationSeconds', type: 'int', optional: true, default: '1800', description: 'capped at 30 days; 0 or less means the default' };
const scopeParam: Param = { name: 'scope', type: 'string', optional: true, default: '"project"', description: '"project" or "environment"' };

function cacheOf(env: ScriptEnv): CacheCapability {
  if (!env.host.cache) throw scriptError('SCRIPT_NEEDS_CAPABILITY', 'needs a cache, which this host does not provide');
  return env.host.cache;
}

/** The name, expiration and scope of a call, checked; `at` is the index of the expiration argument. */
function entryArgs(args: ScriptValue[], at: number): { name: string; expiration: number; scope: string } {
  const name = str(args, 0);
  if (name === '') throw failed('the cache name is empty', 0);
  const seconds = opt(args, at, int, DEFAULT_EXPIRATION);
  const scope = opt(args, at + 1, str, 'project').toLowerCase();
  if (!SCOPES.includes(scope)) throw failed(`unknown cache scope "${str(args, at + 1)}" (use "project" or "environment")`, at + 1);
  return { name, expiration: seconds > 0 ? seconds : DEFAULT_EXPIRATION, scope };
}

export const cacheFunctions: FunctionSpec[] = [
  {
    name: 'ReadCache',
    category: 'cache',
    summary: 'The value stored under `name` with WriteCache, or null when there is none or it expired; reading it keeps it for `expirationSeconds` more.',
    signatures: [{ params: [nameParam, expirationParam, scopeParam], returns: 'type' }],
    examples: [
      { code: 'WriteCache("token", "abc"); ReadCache("token")', result: { type: 'string', value: 'abc' } },
      { code: 'ReadCache("never-written")', result: { type: 'null', value: null } },
      { code: 'WriteCache("token", "abc"); ReadCache("token", 1800, "environment")', result: { type: 'null', value: null }, note: 'Scopes are separate.' },
    ],
    impl(args, env) {
      const cache = cacheOf(env);
      const { name, expiration, scope } = entryArgs(args, 1);
      return cache.read(name, scope, expiration);
    },
  },
  {
    name: 'WriteCache',
    category: 'cache',
    summary: 'Stores a value under `name` for other operations of the project (or environment) to read, for `expirationSeconds` (at most 30 days); a null value removes it.',
    signatures: [{ params: [nameParam, { name: 'value', type: 'type' }, expirationParam, scopeParam], returns: 'void' }],
    examples: [
      { code: 'WriteCache("token", "abc", 3600)', result: { type: 'null', value: null } },
      { code: 'WriteCache("token", "abc"); WriteCache("token", Null()); ReadCache("token")', result: { type: 'null', value: null }, note: 'A null value removes the entry.' },
      { code: 'WriteCache("", 1)', error: 'SCRIPT_FAILED' },
    ],
    impl(args, env) {
      const cache = cacheOf(env);
      const { name, expiration, scope } = entryArgs(args, 2);
      cache.write(name, scope, args[1] ?? null, expiration);
      return null;
    },
  },
];
