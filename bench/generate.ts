import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';

/** The 20 columns of the W1 input: a mix of ids, text, numbers, dates and a quoted field. */
export const W1_COLUMNS = [
  'id', 'order_id', 'customer', 'email', 'street', 'city', 'zip', 'country', 'sku', 'description',
  'quantity', 'unit_price', 'discount', 'tax', 'total', 'currency', 'ordered_at', 'shipped_at', 'status', 'note',
];

/** Writes a CSV of about `bytes` bytes (deterministic content) unless it already exists at that size. */
export async function generateCsv(file: string, bytes: number): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing && existing.size >= bytes) return;
  const out = createWriteStream(file);
  out.write(`${W1_COLUMNS.join(',')}\n`);
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    let chunk = '';
    for (let j = 0; j < 1000; j++, i++) {
      const row = [
        i, `SO-${(i / 3) | 0}`, `Customer ${i % 9973}`, `user${i % 9973}@example.com`, `${i % 500} Main Street`,
        ['Paris', 'Berlin', 'Lisbon', 'Oslo'][i % 4], String(10000 + (i % 89999)), ['FR', 'DE', 'PT', 'NO'][i % 4],
        `SKU-${i % 4096}`, `"Item ${i % 4096}, size ${i % 7}"`, (i % 9) + 1, (i % 1000) / 10, (i % 5) / 100,
        0.2, ((i % 1000) / 10) * ((i % 9) + 1), 'EUR', '2026-11-28T10:00:00Z', '2026-11-29', ['open', 'paid', 'sent'][i % 3], i % 11 === 0 ? 'fragile' : '',
      ].join(',');
      chunk += `${row}\n`;
    }
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
