import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openProject, screenshot, test } from './fixtures.ts';

async function openTests(page: Page, projectDir: string) {
  await openProject(page, projectDir);
  await page.getByRole('tab', { name: 'Tests' }).click();
  return page.getByTestId('tests-panel');
}

test('lists the tests by what they run and runs them all', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  const panel = await openTests(page, projectDir);
  const tree = panel.getByRole('tree', { name: 'Tests' });
  await expect(tree).toContainText('Operation: Convert orders');
  await expect(tree).toContainText('Transformation: Order row to order');
  await expect(panel.getByTestId('test-convert-orders')).toHaveAttribute('data-status', 'not run');

  await panel.getByRole('button', { name: '▶ Run All Tests' }).click();
  await expect(panel.getByTestId('test-convert-orders')).toHaveAttribute('data-status', 'passed');
  await expect(panel.getByTestId('test-row-to-order')).toHaveAttribute('data-status', 'passed');
});

test('shows a broken golden file as a diff with the field path', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  const goldenFile = `${projectDir}/tests/fixtures/orders.json`;
  const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as { orders: { customer: { name: string } }[] };
  const actualName = golden.orders[1].customer.name;
  golden.orders[1].customer.name = 'Somebody Else';
  writeFileSync(goldenFile, JSON.stringify(golden));

  const panel = await openTests(page, projectDir);
  await panel.getByRole('button', { name: '▶ Run All Tests' }).click();
  await expect(panel.getByTestId('test-convert-orders')).toHaveAttribute('data-status', 'failed');
  await expect(panel.getByTestId('test-row-to-order')).toHaveAttribute('data-status', 'passed');
  const result = panel.getByTestId('test-result');
  await expect(result).toContainText('differs from tests/fixtures/orders.json (1 difference)');
  const row = result.getByRole('table', { name: 'Differences' }).getByRole('row', { name: /orders\[1\]\.customer\.name/ });
  await expect(row.getByRole('cell')).toHaveText(['orders[1].customer.name', '"Somebody Else"', JSON.stringify(actualName)]);
  await screenshot(page, 'tests');
});

test('creates a test from a run, lists it and runs it green', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.getByTestId('op-node-convert-orders').locator('.op-title').click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByTestId('run-panel').getByTestId('run-status')).toHaveText('succeeded');

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByLabel('Type a command').fill('Create Test from This Run');
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('tests-panel');
  const created = panel.locator('[data-testid^="test-convert-orders-run-"]');
  await expect(created).toHaveCount(1);
  await expect(created).toHaveAttribute('data-status', 'not run');
  await created.getByRole('button', { name: /^Run / }).click();
  await expect(created).toHaveAttribute('data-status', 'passed');
});
