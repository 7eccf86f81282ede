import type { CapturedOutput } from '../runtime/overrides.ts';
import { recordsOf } from './documents.ts';
import { show } from './outputs.ts';

/** What a dry run would have written to one target. */
export interface WouldWrite {
  step: string;
  activity: string;
  fileName: string;
  bytes: number;
  /** Records in the output as its format reads back; null when it does not read back (e.g. a script's raw text). */
  records: number | null;
  /** The first records. */
  first: unknown[];
}

/** Records shown per target. */
const FIRST_RECORDS = 3;

export async function describeCaptured(captured: readonly CapturedOutput[]): Promise<WouldWrite[]> {
  return Promise.all(
    captured.map(async (c) => {
      const records = await recordsOf(c.bytes, c.format, c.fileName).catch(() => null);
      return { step: c.step, activity: c.activity, fileName: c.fileName, bytes: c.bytes.length, records: records?.length ?? null, first: records?.slice(0, FIRST_RECORDS) ?? [] };
    }),
  );
}

export function formatWouldWrite(outputs: readonly WouldWrite[]): string[] {
  if (outputs.length === 0) return ['dry run: nothing would be written'];
  const lines = ['dry run: nothing was written; the targets would receive:'];
  for (const o of outputs) {
    const count = o.records === null ? '' : `${o.records} record${o.records === 1 ? '' : 's'}, `;
    lines.push(`  ${o.fileName} (${o.step}): ${count}${o.bytes} bytes`);
    for (const r of o.first) lines.push(`    ${show(r, '')}`);
  }
  return lines;
}
