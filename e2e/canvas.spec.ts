import { expect, openProject, screenshot, test } from './fixtures.ts';

test('builds an operation by dragging from the palette, reorders its steps, runs it, and copies it', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  const palette = page.getByRole('complementary', { name: 'Palette' });
  const flow = page.getByTestId('workflow-canvas');

  // A new operation where it is dropped, beside the example's one.
  await palette.getByRole('button', { name: 'New operation' }).dragTo(flow, { targetPosition: { x: 80, y: 60 } });
  const node = page.getByTestId('op-node-new-operation');
  await expect(node).toContainText('Drop steps here');
  await expect(node).toHaveClass(/invalid/);

  // Dropped in any order, the steps land where the step order wants them.
  await palette.getByRole('button', { name: /^Read order rows/ }).dragTo(node);
  await palette.getByRole('button', { name: /^Write orders JSON/ }).dragTo(node);
  await palette.getByRole('button', { name: 'Order row to order' }).dragTo(node);
  const steps = node.locator('[data-step-kind]');
  await expect(steps).toHaveCount(3);
  await expect.poll(() => steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-kind')))).toEqual(['read', 'transform', 'write']);
  await expect(node).not.toHaveClass(/invalid/);

  // Alt+Up moves the focused step; a write before the transform is marked, with the problem on hover.
  await node.getByRole('button', { name: /write Write orders JSON/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-kind')))).toEqual(['read', 'write', 'transform']);
  const invalid = node.locator('.step-invalid');
  await expect(invalid).toHaveAttribute('title', 'a transform step must come before the write steps');
  await screenshot(page, 'canvas-invalid-step');
  await node.getByRole('button', { name: 'Move Order row to order up' }).click();
  await expect(invalid).toHaveCount(0);

  await node.locator('.op-title').click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByTestId('run-panel').getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-panel').getByRole('table', { name: 'Steps' })).toContainText('New operation');

  // The run is in the history, and its log opens from there.
  await page.getByRole('tab', { name: 'Run history' }).click();
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('row', { name: /New operation/ })).toHaveCount(1);
  await expect(page.locator('.history-chart .history-run')).toHaveCount(1);
  await screenshot(page, 'run-history');
  await runs.getByRole('row', { name: /New operation/ }).getByRole('button', { name: /Open log/ }).click();
  await expect(page.getByRole('table', { name: 'Preview of Read order rows' })).toBeVisible();

  // Copy and paste: a copy with a new id and name; both then deleted together.
  await node.locator('.op-title').click();
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  const copy = page.getByTestId('op-node-new-operation-copy');
  await expect(copy).toContainText('New operation copy');
  await expect(copy.locator('[data-step-kind]')).toHaveCount(3);
  // The copy comes selected, over its original; Ctrl+click adds the original to the selection.
  await node.locator('.op-title').click({ modifiers: ['Control'] });
  await expect(page.locator('.op-node.selected')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(page.locator('.op-node')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Undo Delete Operations/);
});
