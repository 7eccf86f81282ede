import { expect, openProject, screenshot, test } from './fixtures.ts';

test('edits a script in Monaco with Chorus Script diagnostics', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'Log summary' }).click();
  const editor = page.getByTestId('script-editor');
  await expect(editor.locator('.view-lines')).toContainText('WriteToOperationLog');
  // Colours come from the engine's Monarch tokens: the function name is a predefined token.
  await expect(editor.locator('.view-lines span.mtk1, .view-lines span[class*="mtk"]').filter({ hasText: 'WriteToOperationLog' }).first()).toBeVisible();

  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Upper(');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Problems' })).toContainText('scripts/log-summary.chs');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await screenshot(page, 'script-editor');
});

test('shows validation messages beside the fields of an endpoint form', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await openProject(page, projectDir);
  await page.getByRole('navigation', { name: 'Explorer' }).getByRole('button', { name: 'Incoming orders' }).click();
  const form = page.getByRole('form', { name: 'Endpoint' });
  const folder = form.getByLabel('folder');
  await expect(folder).toHaveValue('data/in');

  await folder.fill('');
  await expect(form.getByRole('alert')).toHaveText('a folder is required');
  await expect(folder).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Name').fill('   ');
  await expect(form.getByRole('alert').filter({ hasText: 'must not be empty' })).toBeVisible();
  await screenshot(page, 'endpoint-form');

  await form.getByLabel('Name').fill('Incoming');
  await folder.fill('data/in');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
});
