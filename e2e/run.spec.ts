import { expect, openProject, screenshot, test } from './fixtures.ts';

test('runs the selected operation and shows progress, record counts and the preview', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.getByTestId('op-node-convert-orders').locator('.op-title').click();
  await page.getByRole('button', { name: '▶ Run' }).click();

  const panel = page.getByTestId('run-panel');
  await expect(panel.getByTestId('run-status')).toHaveText('succeeded');
  const steps = panel.getByRole('table', { name: 'Steps' });
  await expect(steps.getByRole('row', { name: /Read order rows/ })).toBeVisible();
  const readRecords = Number(await panel.getByTestId('records-Read order rows').textContent());
  expect(readRecords).toBeGreaterThan(0);
  await expect(panel).toContainText(/\d+ records/);
  await expect(panel.getByTestId('run-elapsed')).toHaveText(/\d+\.\d s/);

  const preview = panel.getByRole('table', { name: 'Preview of Read order rows' });
  await expect(preview.getByRole('columnheader', { name: 'order_id' })).toBeVisible();
  await expect(preview.locator('tbody tr')).toHaveCount(Math.min(readRecords, 10));
  await panel.getByRole('tab', { name: 'Order row to order' }).click();
  await expect(panel.getByRole('table', { name: 'Preview of Order row to order' }).getByRole('columnheader', { name: 'customer' })).toBeVisible();
  await screenshot(page, 'run-log');
});

test('refuses API requests without the token', async ({ request }) => {
  const origin = new URL(process.env.CHORUS_URL!).origin;
  const none = await request.post(`${origin}/api/projects/listRecent`, { data: {} });
  expect(none.status()).toBe(401);
  const wrong = await request.post(`${origin}/api/projects/listRecent`, { data: {}, headers: { Authorization: 'Bearer nope' } });
  expect(wrong.status()).toBe(401);
});

test('shows live progress of a long run and cancels it', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  const { readFileSync, writeFileSync } = await import('node:fs');
  const source = readFileSync(`${projectDir}/data/in/orders.csv`, 'utf8').trim().split('\n');
  const rows = Array.from({ length: 400_000 }, (_, i) => source[1 + (i % (source.length - 1))]);
  writeFileSync(`${projectDir}/data/in/orders-big.csv`, `${[source[0], ...rows].join('\n')}\n`);

  await openProject(page, projectDir);
  await page.getByTestId('op-node-convert-orders').locator('.op-title').click();
  await page.keyboard.press('F5');
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByTestId('run-status')).toHaveText('running');
  await screenshot(page, 'run-progress');
  // The engine moves this file in a few seconds, so cancel as soon as the run shows as running.
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('run-status')).toHaveText('cancelled');
  await expect(page.getByRole('button', { name: '▶ Run' })).toBeEnabled();
});
