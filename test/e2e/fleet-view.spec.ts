import { readFile } from 'node:fs/promises';
import { addThroughMain, hygieneSandboxData, openFleet } from './fleet-support';
import {
  addEnvironment,
  expect,
  listEnvironments,
  saveScreenshot,
  sandboxEnvironment,
  test,
} from './support-app';

const FIVE_MINUTES = 5 * 60_000;

test('skew: a sandbox whose clock runs 5 min ahead is shown in the status bar and used in the countdowns', async ({
  app,
  sandboxes,
}, testInfo) => {
  const ahead = await sandboxes.start({ clockOffsetMs: FIVE_MINUTES });
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(ahead, 'Skewed staging', 'staging'));
  const skew = page.getByTestId('clock-skew');
  await expect(skew).toContainText('Skewed staging’s server clock is 5 min ahead');

  // The token panel: a 1-hour token counts down from an hour, not from the server's exp + 5 min.
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByRole('button', { name: /Get token|Renew now/ }).click();
  const countdown = page.getByRole('timer', { name: 'Time until the token expires' });
  await expect(countdown).toHaveText(/^(59|60):\d\d$/);
  await expect(
    page.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /^iat/ }),
  ).toContainText(/\((now|\d+ s ago)\)/);
  await saveScreenshot(page, testInfo, 'skew-token-countdown');

  // The debugger: the same token read on the server's clock, not 5 minutes in the future.
  await page.getByRole('tab', { name: 'JWT' }).click();
  await page.getByRole('button', { name: 'Inspect Skewed staging’s token' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('status').filter({ hasText: 'from Skewed staging' })).toContainText(
    'Its times are read on Skewed staging’s server clock (5 min ahead)',
  );
  const timer = panel.getByRole('timer', { name: 'Time until the pasted token expires' });
  await expect(timer).toHaveText(/^00:5\d:\d\d$/);
  await expect(panel.getByText('Valid now')).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('skew-debugger.png'),
    mask: [panel.getByLabel('Token', { exact: true })],
  });
});

test('hygiene: every category across environments, each row leading to its credential, exported as Markdown and CSV', async ({
  app,
  sandboxes,
}, testInfo) => {
  const dataFile = await hygieneSandboxData(testInfo.outputPath('sandbox.json'));
  const api = await sandboxes.start({ dataFile });
  const other = await sandboxes.start();
  const { page } = app;
  // "Never listed" is added and left: its credentials are never listed, so never in a snapshot.
  await addThroughMain(app.core, other, 'Never listed', 'development');
  const prod = await addThroughMain(app.core, api, 'Payments prod', 'production');
  await app.core.environments.select(prod.id);
  await app.open();
  // Opening Payments prod's Credentials tab is what puts its list in its snapshot.
  await expect(page.getByRole('table', { name: 'Credentials of Payments prod' })).toBeVisible();

  const panel = await openFleet(page, 'Hygiene');
  await panel.getByLabel('Active credentials threshold').fill('3');
  await panel.getByLabel('Active credentials threshold').blur();
  const findings = panel.getByRole('table', { name: 'Hygiene findings' });
  const rowOf = (category: string, text: string) =>
    findings.locator(`tr[data-category="${category}"]`).filter({ hasText: text });
  await expect(rowOf('idle', 'Old batch job')).toContainText('idle for 120 days');
  await expect(rowOf('never-used', 'Forgotten key')).toBeVisible();
  await expect(rowOf('no-expiry', 'Forgotten key')).toContainText('never expires');
  await expect(rowOf('expiring', 'Partner A')).toContainText('expires in 5 days');
  await expect(rowOf('expired', 'Legacy import')).toContainText('expired 3 days ago');
  await expect(rowOf('too-many-active', 'Payments prod')).toContainText(
    'active credentials (more than 3)',
  );
  await expect(panel.getByText('Not included, never listed: Never listed.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('hygiene-report.png'), fullPage: true });

  const markdown = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export Markdown' }).click();
  const md = await readFile(await (await markdown).path(), 'utf8');
  expect(md).toContain('## Idle (1)');
  expect(md).toContain('| Payments prod | production | Partner A |');
  const csvDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'category,environment,kind,name,client_id,expires_at,last_used_at,created_at,detail',
  );
  expect(csv).toContain('"expiring","Payments prod","production","Partner A"');
  for (const secret of [api.bootstrap.clientSecret!, other.bootstrap.clientSecret!]) {
    expect(md).not.toContain(secret);
    expect(csv).not.toContain(secret);
  }

  // A row leads to the credential, where Rotate and Revoke are.
  await rowOf('expiring', 'Partner A')
    .getByRole('button', { name: /^Show / })
    .click();
  await expect(page.getByRole('tab', { name: 'Credentials' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const credentials = page.getByRole('table', { name: 'Credentials of Payments prod' });
  await expect(credentials.getByRole('row').filter({ hasText: 'Partner A' })).toHaveCount(1);
  await expect(credentials.getByRole('button', { name: /^Rotate/ })).toHaveCount(1);
  await expect(credentials.getByRole('button', { name: /^Revoke/ })).toHaveCount(1);
});

test('timeline: credential expiries and pinned tokens across environments, with the reminder lead time a setting', async ({
  app,
  sandboxes,
}, testInfo) => {
  const dataFile = await hygieneSandboxData(testInfo.outputPath('sandbox.json'));
  const api = await sandboxes.start({ dataFile });
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(api, 'Payments prod', 'production'));
  await expect(page.getByRole('table', { name: 'Credentials of Payments prod' })).toBeVisible();
  await app.core.watchList.add({
    label: 'Partner webhook token',
    expiresAt: Date.now() + 2 * 3_600_000,
    issuer: api.url,
    subject: null,
    warnMinutes: 15,
  });

  const panel = await openFleet(page, 'Timeline');
  const week = panel.getByRole('region', { name: 'Within 7 days' });
  await expect(week.getByRole('listitem').first()).toContainText('Partner webhook token');
  await expect(week.getByRole('listitem').nth(1)).toContainText('Partner A');
  await expect(week).toContainText('Payments prod');
  await expect(panel.getByRole('region', { name: 'Expired' })).toContainText('Legacy import');
  await expect(panel.getByRole('region', { name: 'Later' })).toContainText('Old batch job');

  const lead = panel.getByLabel('Reminder lead time in days');
  await expect(lead).toHaveValue('14');
  await lead.fill('3');
  await lead.blur();
  await expect.poll(async () => (await app.core.reminders.settings()).reminderDays).toBe(3);
  await page.screenshot({ path: testInfo.outputPath('expiry-timeline.png'), fullPage: true });
  await week.getByRole('button', { name: /^Show .* in Payments prod$/ }).click();
  await expect(page.getByRole('tab', { name: 'Credentials' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('the Credentials tab paints from the snapshot at once, marked with its age, when the API cannot be reached', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(api, 'Payments prod', 'production'));
  const table = page.getByRole('table', { name: 'Credentials of Payments prod' });
  await expect(table.getByRole('row').filter({ hasText: api.bootstrap.clientId })).toHaveCount(1);
  const env = (await listEnvironments(page))[0]!;
  await app.core.snapshots.settled();
  expect((await app.core.snapshots.credentials(env.id))?.credentials).toHaveLength(1);

  await api.close();
  await app.restartCore();
  await page.reload();
  await expect(table.getByRole('row').filter({ hasText: api.bootstrap.clientId })).toHaveCount(1);
  const status = page.getByTestId('list-status');
  await expect(status).toContainText(/snapshot from (just now|\d+ min ago) · not refreshed/);
  await expect(page.getByRole('alert')).toContainText('Cannot reach');
  await saveScreenshot(page, testInfo, 'credentials-from-snapshot');
});
