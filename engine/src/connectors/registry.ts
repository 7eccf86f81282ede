import { ChorusError } from '../core/errors.ts';
import { fileConnector } from './file.ts';
import { tempConnector } from './temp.ts';
import type { Connector } from './types.ts';
import { variableConnector } from './variable.ts';

const connectors = new Map<string, Connector>();

/** Adds a connector plugin, or replaces the one of the same kind. */
export function registerConnector(connector: Connector): void {
  connectors.set(connector.kind, connector);
}

export function getConnector(kind: string): Connector {
  const connector = connectors.get(kind);
  if (!connector) {
    const known = [...connectors.keys()].sort().join(', ');
    throw new ChorusError('ENDPOINT_KIND_UNKNOWN', `no connector for endpoint kind "${kind}" (known kinds: ${known})`);
  }
  return connector;
}

for (const connector of [fileConnector, tempConnector, variableConnector]) registerConnector(connector);
