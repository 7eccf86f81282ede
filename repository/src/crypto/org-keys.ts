import { newKey, open, seal } from './aead.ts';

/**
 * The organisations' data keys: each is random, stored wrapped by the master key, and
 * unwrapped on first use and kept in memory. Rotating the master key rewraps only these.
 */
export class OrgKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly masterKey: Buffer) {}

  /** A new data key for an organisation, and its wrapped form to store. */
  create(orgId: string): { key: Buffer; wrapped: Buffer } {
    const key = newKey();
    this.cache.set(orgId, key);
    return { key, wrapped: seal(this.masterKey, key, `org-key:${orgId}`) };
  }

  unwrap(orgId: string, wrapped: Buffer): Buffer {
    let key = this.cache.get(orgId);
    if (!key) {
      key = open(this.masterKey, wrapped, `org-key:${orgId}`);
      this.cache.set(orgId, key);
    }
    return key;
  }
}
