import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openProject, screenshot, studioUrl, test } from './fixtures.ts';

test('creates a project from a template on the welcome screen and shows its canvas', async ({ page, workDir, consoleErrors }) => {
  void consoleErrors;
  await page.goto(studioUrl());
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'welcome');
  await page.getByLabel('Template').selectOption({ label: 'Payments with error report' });
  await page.getByLabel('Name').fill('My payments');
  await page.getByRole('textbox', { name: 'Folder', exact: true }).fill(path.join(workDir, 'payments'));
  await screenshot(page, 'welcome');
  await page.getByRole('button', { name: 'Create project' }).click();

  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'loaded');
  await expect(page.locator('.project-name')).toHaveText('My payments');
  await expect(page.getByTestId('op-node-import-payments')).toContainText('Import payments');
  await expect(page.getByTestId('op-node-write-error-report')).toBeVisible();
  // The on-failure action is an edge in its own style.
  await expect(page.locator('.react-flow__edge.edge-failure')).toHaveCount(1);
  await expect(page.getByTestId('op-node-import-payments').locator('[data-step-kind="read"]')).toBeVisible();
  expect(JSON.parse(readFileSync(path.join(workDir, 'payments', 'chorus.json'), 'utf8')).name).toBe('My payments');
  await screenshot(page, 'canvas');
});

test('undoes and redoes edits, a drag being one step, and finds them saved after a reload', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  const node = page.getByTestId('op-node-convert-orders');
  const start = (await node.boundingBox())!;
  await page.mouse.move(start.x + 40, start.y + 10);
  await page.mouse.down();
  await page.mouse.move(start.x + 140, start.y + 110, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Undo Move Operation/);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expect.poll(async () => (await node.boundingBox())!.x).toBeCloseTo(start.x, 0);

  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(async () => (await node.boundingBox())!.x).toBeGreaterThan(start.x + 50);

  // An edit in a form is a command too.
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'Convert orders', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Convert all orders');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.locator('.project-name').click();
  await page.keyboard.press('Control+Z');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Convert orders');
  await page.keyboard.press('Control+Y');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Convert all orders');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'loaded');
  await expect(page.getByTestId('op-node-convert-orders')).toContainText('Convert all orders');
  const workflow = JSON.parse(readFileSync(path.join(projectDir, 'workflows', 'main.json'), 'utf8'));
  expect(workflow.layout['convert-orders'].x).toBeGreaterThan(80);
});

test('reloads a component changed on disk', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  const file = path.join(projectDir, 'endpoints', 'incoming.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, `${JSON.stringify({ ...doc, name: 'Orders from git' }, null, 2)}\n`);
  await expect(page.getByRole('navigation', { name: 'Explorer' })).toContainText('Orders from git');
});

test('runs the command palette and switches to the dark theme', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('option', { name: /Run Operation/ })).toContainText('F5');
  await palette.getByLabel('Type a command').fill('dark theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'canvas-dark');
});
