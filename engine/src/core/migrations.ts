import { FORMAT_VERSION } from './model/manifest.ts';

/**
 * Ordered migrations of the on-disk format. Entry `n` takes a project of format `n` to
 * format `n + 1`, working on the parsed JSON of every file (keyed by path), before
 * validation. Add an entry (and a fixture under engine/test/fixtures/format-v<n>) whenever
 * FORMAT_VERSION goes up.
 */
type Migration = (docs: Map<string, unknown>) => void;

const migrations: Migration[] = [
  // 0 -> 1: the manifest's `version` became `formatVersion`; endpoints' `type` became `kind`.
  (docs) => {
    for (const [file, doc] of docs) {
      if (!isObject(doc)) continue;
      if (file === 'chorus.json') {
        delete doc.version;
        doc.formatVersion = 1;
      } else if (file.startsWith('endpoints/') && 'type' in doc && !('kind' in doc)) {
        doc.kind = doc.type;
        delete doc.type;
      }
    }
  },
];

if (migrations.length !== FORMAT_VERSION) throw new Error('every format version needs a migration from the one before');

/** The format version a parsed manifest declares (format 0 called it `version`). */
export function declaredFormatVersion(manifest: unknown): number | undefined {
  if (!isObject(manifest)) return undefined;
  const v = manifest.formatVersion ?? manifest.version ?? 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Migrates parsed files in place from `from` to the current format. */
export function migrate(docs: Map<string, unknown>, from: number): void {
  for (let v = from; v < FORMAT_VERSION; v++) migrations[v](docs);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
