import type { Readable, Writable } from 'node:stream';
import type { ReadActivity, WriteActivity } from '../core/model/activity.ts';
import type { Endpoint } from '../core/model/endpoint.ts';

/**
 * Everything a connector may use while a run chain runs. Settings and activity strings
 * reach the connector with `[variables]` already substituted.
 */
export interface ConnectorContext {
  /** Absolute path of the project folder; relative endpoint folders resolve against it. */
  projectDir: string;
  /** A folder private to this run chain, removed when the chain ends (temporary storage). */
  chainTempDir: string;
  /** The chain's global variables, by name without `$`. */
  globals: Map<string, unknown>;
  signal: AbortSignal;
}

/** One readable input of a read activity (a file, a variable's value...). */
export interface Source {
  /** Shown in messages and used in error locations, e.g. `in/orders.csv`. */
  name: string;
  open(): Readable;
  /** Runs the activity's after-read action; called only once the whole operation succeeded. */
  afterRead(): Promise<void>;
}

/**
 * Where a write activity writes. Bytes go to a temporary place; `commit` publishes them
 * atomically and only then; `abort` throws them away and leaves any existing target as it was.
 */
export interface Target {
  name: string;
  stream: Writable;
  /** True when writing continues an existing non-empty target (append mode). */
  appending: boolean;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** An endpoint kind. Connectors are plugins: register them in the connector registry. */
export interface Connector {
  kind: string;
  /** Checks the endpoint is usable (folder exists and is readable...), or throws a ChorusError. */
  testConnection(ctx: ConnectorContext, endpoint: Endpoint): Promise<void>;
  /** The sources matching a read activity, in a stable order (by name). */
  listSources(ctx: ConnectorContext, endpoint: Endpoint, activity: ReadActivity): Promise<Source[]>;
  openTarget(ctx: ConnectorContext, endpoint: Endpoint, activity: WriteActivity): Promise<Target>;
}
