import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openProject, screenshot, test } from './fixtures.ts';

test('makes a variable secret and puts its value in the vault without ever showing it', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  const secret = 'hunter2-top-secret-value';
  const sent: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) sent.push(await response.text().catch(() => ''));
  });
  await openProject(page, projectDir);
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'outputName', exact: true }).click();
  const form = page.getByRole('form', { name: 'Variable' });
  await expect(form.getByLabel('Default')).toHaveValue('orders');
  await form.getByLabel('Secret (kept in the vault)').check();
  await expect(form.getByLabel('Default')).toHaveCount(0);
  await expect(form.getByTestId('secret-status')).toHaveText('not set');

  await form.getByLabel('Value', { exact: true }).fill(secret);
  await form.getByRole('button', { name: 'Save to vault' }).click();
  await expect(form.getByTestId('secret-status')).toHaveText('set');
  await expect(form.getByLabel('New value')).toHaveValue('');
  await screenshot(page, 'variable-secret');
  expect(await page.content()).not.toContain(secret);
  expect(sent.join('\n')).not.toContain(secret);
  const file = JSON.parse(readFileSync(path.join(projectDir, 'variables', 'output-name.json'), 'utf8'));
  expect(file).toMatchObject({ secret: true });
  expect(file.default).toBeUndefined();

  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'loaded');
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'outputName', exact: true }).click();
  await expect(page.getByTestId('secret-status')).toHaveText('set');
  expect(await page.content()).not.toContain(secret);
});

test('edits a read activity with its messages beside the fields', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'Read order rows', exact: true }).click();
  const form = page.getByRole('form', { name: 'Activity' });
  await expect(form.getByLabel('File filter')).toHaveValue('orders*.csv');
  await form.getByLabel('File filter').fill('');
  await expect(form.getByLabel('File filter')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toHaveCount(1);

  await form.getByLabel('After reading').selectOption('move');
  await expect(form.getByLabel('Move to folder')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('File filter').fill('orders-*.csv');
  await form.getByLabel('Move to folder').fill('done');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await screenshot(page, 'activity-form');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const file = JSON.parse(readFileSync(path.join(projectDir, 'activities', 'read-orders.json'), 'utf8'));
  expect(file).toMatchObject({ filter: 'orders-*.csv', afterRead: { action: 'move', folder: 'done' } });
});
