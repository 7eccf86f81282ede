import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clone } from '../engine/src/sync/clone.ts';
import { storeToken } from '../engine/src/sync/connect.ts';
import { push } from '../engine/src/sync/push.ts';
import { addRemote } from '../engine/src/sync/remote.ts';
import { readState } from '../engine/src/sync/state.ts';
import { editJson, startTestServer, type TestServer } from '../engine/test/sync-server.ts';
import { expect, openProject, screenshot, test } from './fixtures.ts';

let server: TestServer;
test.beforeEach(async () => {
  // A real repository server (SQLite) for this test; the studio finds its token in its own vault.
  server = await startTestServer();
  const home = process.env.CHORUS_HOME_E2E;
  if (!home) throw new Error('CHORUS_HOME_E2E is not set: the global setup starts chorus serve');
  await storeToken(server.url, server.token, { ...process.env, CHORUS_HOME: home });
});
test.afterEach(() => server.close());

const convert = 'operations/convert-orders.json';

test('pulls a conflicting change, resolves a field with theirs, pushes and is in sync', async ({ page, projectDir, workDir, consoleErrors }) => {
  void consoleErrors;
  // The project goes to the repository from the CLI side; a second designer clones it and renames the operation.
  await addRemote(projectDir, server.url);
  await push(projectDir, { token: server.token, message: 'first' });
  const theirs = path.join(workDir, 'theirs');
  await clone(server.url, (await readState(projectDir)).project!, theirs, { token: server.token });
  await editJson(theirs, convert, (d) => (d.name = 'Convert orders (theirs)'));
  await push(theirs, { token: server.token, message: 'their rename' });
  // Here, the same field changes on disk, and another one that merges.
  await editJson(projectDir, convert, (d) => {
    d.name = 'Convert orders (mine)';
    d.description = 'Edited here';
  });

  await openProject(page, projectDir);
  const badge = page.getByTestId('sync-badge');
  await expect(badge).toHaveAttribute('data-state', 'diverged');

  await page.keyboard.press('Control+Alt+U');
  await expect(badge).toHaveAttribute('data-state', 'conflicts');
  await expect(badge).toHaveText('1 conflict');
  const conflict = page.getByTestId('conflict-operations/convert-orders');
  const row = conflict.getByRole('table', { name: `Fields of ${convert}` }).getByRole('row', { name: '$.name' });
  await expect(row.getByRole('cell')).toContainText(['$.name', '"Convert orders"', '"Convert orders (mine)"', '"Convert orders (theirs)"']);
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'sync');
  await row.getByRole('radio', { name: 'theirs' }).check();
  await conflict.getByRole('button', { name: 'Resolve with These Choices' }).click();
  await expect(badge).toHaveAttribute('data-state', 'ahead');
  const resolved = JSON.parse(readFileSync(path.join(projectDir, convert), 'utf8')) as { name: string; description: string };
  expect(resolved).toMatchObject({ name: 'Convert orders (theirs)', description: 'Edited here' });
  await expect(page.getByTestId('op-node-convert-orders')).toContainText('Convert orders (theirs)');

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByLabel('Type a command').fill('Push to Repository');
  await page.keyboard.press('Enter');
  await expect(badge).toHaveAttribute('data-state', 'in sync');
  await expect(page.getByTestId('sync-panel').getByRole('status')).toHaveText('Pushed revision 3.');
});

test('compares two revisions, restores one as local changes and deploys', async ({ page, projectDir, consoleErrors }) => {
  void consoleErrors;
  await addRemote(projectDir, server.url);
  await push(projectDir, { token: server.token, message: 'first' });
  await editJson(projectDir, convert, (d) => (d.name = 'Convert orders v2'));
  await push(projectDir, { token: server.token, message: 'second' });

  await openProject(page, projectDir);
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'in sync');
  await page.getByTestId('sync-badge').click();
  const history = page.getByRole('region', { name: 'Revision history' });
  await history.getByRole('radio', { name: 'Compare from revision 1' }).check();
  await history.getByRole('radio', { name: 'Compare to revision 2' }).check();
  await history.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByTestId('revision-diff');
  await expect(diff).toContainText(`modified ${convert}`);
  await expect(diff.locator('.diff-removed')).toHaveText(['-   "name": "Convert orders",']);
  await expect(diff.locator('.diff-added')).toHaveText(['+   "name": "Convert orders v2",']);

  await history.getByRole('row', { name: 'Revision 1' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'ahead');
  expect((JSON.parse(readFileSync(path.join(projectDir, convert), 'utf8')) as { name: string }).name).toBe('Convert orders');

  await history.getByRole('button', { name: 'Deploy Base Revision' }).click();
  await expect(page.getByTestId('sync-panel').getByRole('status')).toHaveText('Revision 2 is live in Production.');
});
