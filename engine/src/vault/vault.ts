/**
 * Where secret values live (passwords, tokens, keys), never in project files. Keys are
 * plain strings; callers namespace them per project (see projectSecretKey) so one vault can
 * serve every project on the machine.
 */
export interface Vault {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Every key, sorted. */
  keys(): Promise<string[]>;
}
