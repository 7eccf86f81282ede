import { describe, expect, it } from 'vitest';
import { getConnector, registerConnector } from './registry.ts';
import type { Connector } from './types.ts';

describe('connector registry', () => {
  it('has the built-in kinds', () => {
    expect(['file', 'temp', 'variable'].map((kind) => getConnector(kind).kind)).toEqual(['file', 'temp', 'variable']);
  });

  it('refuses an unknown kind', () => {
    expect(() => getConnector('gopher')).toThrow(expect.objectContaining({ code: 'ENDPOINT_KIND_UNKNOWN' }));
  });

  it('accepts plugins', () => {
    const plugin: Connector = {
      kind: 'test-plugin',
      testConnection: async () => undefined,
      listSources: async () => [],
      openTarget: async () => {
        throw new Error('not used');
      },
    };
    registerConnector(plugin);
    expect(getConnector('test-plugin')).toBe(plugin);
  });
});
