import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openProject, screenshot, test } from './fixtures.ts';

/** The explorer's item actions show on hover, as in a file explorer. */
async function itemAction(page: Page, item: string, action: string) {
  const explorer = page.getByRole('navigation', { name: 'Explorer' });
  await explorer.getByRole('button', { name: item, exact: true }).hover();
  await explorer.getByRole('button', { name: `${action} ${item}`, exact: true }).click();
}

test('renames a component from the explorer and undoes it', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await itemAction(page, 'Incoming orders', 'Rename');
  const field = page.getByLabel('New name of Incoming orders');
  await field.fill('Outgoing documents');
  await expect(page.getByRole('navigation', { name: 'Explorer' }).getByRole('alert')).toHaveText('another endpoint is already named "Outgoing documents"');
  await field.fill('Orders inbox');
  await field.press('Enter');

  const explorer = page.getByRole('navigation', { name: 'Explorer' });
  await expect(explorer.getByRole('button', { name: 'Orders inbox', exact: true })).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const file = path.join(projectDir, 'endpoints', 'incoming.json');
  expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('Orders inbox');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Undo Rename Endpoint/);

  await page.keyboard.press('Control+Z');
  await expect(explorer.getByRole('button', { name: 'Incoming orders', exact: true })).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect.poll(() => JSON.parse(readFileSync(file, 'utf8')).name).toBe('Incoming orders');
});

test('finds the usages of a component, and deletes it after listing them', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await itemAction(page, 'Read order rows', 'Find usages of');
  const usages = page.getByRole('table', { name: 'Usages' });
  await expect(usages.getByRole('row')).toHaveCount(1);
  await expect(usages).toContainText('$.steps[0].activity');
  await screenshot(page, 'usages');
  await usages.getByRole('button', { name: 'Convert orders' }).click();
  await expect(page.getByRole('form', { name: 'Operation' })).toBeVisible();

  await itemAction(page, 'Log summary', 'Delete');
  const dialog = page.getByRole('alertdialog', { name: 'Delete Log summary' });
  await expect(dialog.getByRole('list', { name: 'Used by' })).toContainText('operation Convert orders');
  await screenshot(page, 'delete-confirmation');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  const explorer = page.getByRole('navigation', { name: 'Explorer' });
  await expect(explorer.getByRole('button', { name: 'Log summary', exact: true })).toHaveCount(0);
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByRole('table', { name: 'Problems' })).toContainText('script "log-summary" does not exist');

  await page.keyboard.press('Control+Z');
  await expect(explorer.getByRole('button', { name: 'Log summary', exact: true })).toBeVisible();
  await expect(page.getByText('No problems.')).toBeVisible();
});
