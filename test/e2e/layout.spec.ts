import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import type { Page } from '@playwright/test';
import { LYING_NAME, seedLayoutData } from './layout-data';
import { expectAccessible } from './rotation-support';
import {
  addEnvironment,
  dialog,
  expect,
  fillEnvironmentForm,
  sandboxEnvironment,
  test,
} from './support-app';

/** The window sizes Keysmith must look right at: its minimum, a laptop, a desktop. */
const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** Where the screenshots go (gitignored): one per screen, size and theme. */
const SCREENS_DIR = resolve(import.meta.dirname, '../../test-results/screens');

/**
 * Saves a screenshot of the window under test-results/screens/, with every field that may hold a
 * secret or a token painted over (the capture dialog with a secret is never photographed here).
 */
async function screen(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const scheme = await page.evaluate(() =>
    matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  );
  await page.screenshot({
    path: `${SCREENS_DIR}/${name}-${size?.width}x${size?.height}-${scheme}.png`,
    mask: [
      page.getByTestId('capture-secret'),
      page.getByLabel('Access token value'),
      page.getByRole('textbox', { name: 'Token', exact: true }),
      page.getByRole('textbox', { name: 'Key', exact: true }),
    ],
  });
}

/** The credentials table of the active environment. */
function table(page: Page) {
  return page.getByRole('table', { name: /^Credentials of/ });
}

/** What the DOM says about clipping in the credentials table, measured in the page. */
interface TableMeasure {
  readonly headers: string[];
  /** Cells or header cells whose content overflows them. */
  readonly overflowing: string[];
  /** Cut values (ellipsis) whose whole value is not in their title. */
  readonly cutWithoutTitle: string[];
  /** Cut values, with their titles. */
  readonly cut: { text: string; title: string }[];
  /** Buttons of the table not wholly inside the window and the table's visible area. */
  readonly outside: string[];
  readonly buttons: number;
  readonly horizontalScroll: boolean;
}

/** Measures the credentials table: overflow (scrollWidth vs clientWidth) and the buttons' boxes. */
async function measureTable(page: Page): Promise<TableMeasure> {
  return page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.credentials-scroll');
    if (!scroller) throw new Error('no credentials table');
    const view = scroller.getBoundingClientRect();
    const shown = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const describe = (element: Element) =>
      `${element.closest('[role="row"]')?.getAttribute('data-client-id') ?? 'head'} ${element.className}: ${element.textContent?.slice(0, 40)}`;
    const cells = [...scroller.querySelectorAll('[role="cell"], [role="columnheader"]')].filter(
      shown,
    );
    const truncated = [...scroller.querySelectorAll<HTMLElement>('.truncate')].filter(shown);
    const cut = truncated.filter((element) => element.scrollWidth > element.clientWidth);
    const buttons = [...scroller.querySelectorAll('button')].filter(shown);
    return {
      headers: [...scroller.querySelectorAll('[role="columnheader"]')]
        .filter(shown)
        .map((header) => header.textContent?.replace(/[▲▼]/g, '').trim() ?? ''),
      overflowing: cells.filter((cell) => cell.scrollWidth > cell.clientWidth).map(describe),
      cutWithoutTitle: cut
        .filter((element) => {
          const title = element.getAttribute('title') ?? '';
          const text =
            element.querySelector('.visually-hidden')?.textContent ?? element.textContent;
          return title === '' || title !== text;
        })
        .map(describe),
      cut: cut.map((element) => ({
        text: element.textContent ?? '',
        title: element.getAttribute('title') ?? '',
      })),
      outside: buttons
        .filter((button) => {
          const box = button.getBoundingClientRect();
          return (
            box.left < Math.max(0, view.left) ||
            box.right > Math.min(window.innerWidth, view.right) ||
            box.width === 0
          );
        })
        .map(describe),
      buttons: buttons.length,
      horizontalScroll: scroller.scrollWidth > scroller.clientWidth,
    };
  });
}

/** A free loopback port with nothing listening: an API that cannot be reached. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('at 900×600, 1280×720 and 1920×1080 no cell or action of the credentials table is clipped', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start({ dataFile: await seedLayoutData(app.dataDir) });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Payments production EU', 'production'));
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(table(page)).toHaveAttribute('aria-rowcount', String(13 + 1));

  const columns: Record<string, string[]> = {};
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const measure = await measureTable(page);
    const at = `${size.width}×${size.height}`;
    columns[at] = measure.headers;
    expect(measure.overflowing, `${at}: cells whose content overflows`).toEqual([]);
    expect(measure.cutWithoutTitle, `${at}: cut values without their whole value`).toEqual([]);
    expect(measure.outside, `${at}: buttons outside the window`).toEqual([]);
    expect(measure.horizontalScroll, `${at}: the table scrolls sideways`).toBe(false);
    // Every active row has Rotate and Revoke, every row its name (details) and copy buttons.
    expect(measure.buttons).toBeGreaterThanOrEqual(11 * 2 + 13);
    for (const { title } of measure.cut) expect(title).not.toBe('');
    // The narrowest window does cut long names: the check above is not vacuous there.
    if (size.width === 900) expect(measure.cut.length).toBeGreaterThan(0);
  }
  // Column priorities: everything on a wide window, and never less than name, status and actions.
  expect(columns['1920×1080']).toEqual([
    'Name',
    'client_id',
    'Status',
    'Created',
    'Last used',
    'Expires',
    'Keychain',
    'Actions',
  ]);
  expect(columns['1280×720']).toEqual(expect.arrayContaining(['Name', 'client_id', 'Expires']));
  for (const headers of Object.values(columns)) {
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Status', 'Actions']));
  }

  // What the narrowest window hides is one step away: the details of the row, whole.
  await page.setViewportSize(SIZES[0]);
  const longName = 'Nightly billing reconciliation worker for the EU payments cluster';
  await page.getByRole('button', { name: `Details of ${longName}` }).click();
  const details = dialog(page, 'Credential details');
  const facts = details.getByRole('definition');
  await expect(details).toContainText(longName);
  for (const term of ['client_id', 'Created', 'Last used', 'Expires', 'client_secret']) {
    await expect(details.getByRole('term').filter({ hasText: term })).toBeVisible();
  }
  await expect(facts.filter({ hasText: /\d{4}-\d{2}-\d{2}T/ }).first()).toBeVisible();
  await expect(details.getByTestId('details-client-id')).toHaveText(/^dinie_ci_[0-9a-f]{32}$/);
  await expect(details.getByRole('button', { name: 'Revoke…' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(page.getByRole('button', { name: `Details of ${longName}` })).toBeFocused();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every main screen at every size in the ${scheme} theme: screenshots, and axe finds nothing serious`, async ({
    app,
    sandboxes,
  }) => {
    test.setTimeout(180_000);
    const api = await sandboxes.start({ dataFile: await seedLayoutData(app.dataDir) });
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    const everySize = async (name: string, check = true) => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screen(page, name);
      }
      await page.setViewportSize(SIZES[1]);
      if (check) await expectAccessible(page, `${name} (${scheme})`);
    };
    // Empty: no environment yet.
    await everySize('empty');

    await addEnvironment(page, sandboxEnvironment(api, 'Payments production EU', 'production'));
    await expect(table(page)).toBeVisible();
    await everySize('credentials');

    await page.getByRole('button', { name: /^Details of Partner API/ }).click();
    await everySize('credential-details');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Token' }).click();
    await page.getByRole('button', { name: /Get token|Renew now/ }).click();
    await expect(page.getByRole('table', { name: 'Claims' })).toBeVisible();
    await everySize('token');

    await page.getByRole('tab', { name: 'Rotation' }).click();
    await expect(page.getByRole('button', { name: 'Start rotation' })).toBeVisible();
    await everySize('rotation');

    // The JWT debugger with a token made here (a throwaway key, never a real token).
    const key = crypto.getRandomValues(new Uint8Array(32));
    const jwt = await new SignJWT({ scope: 'credentials:read', client_id: 'dinie_ci_demo' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://issuer.example')
      .setSubject('dinie_ci_demo')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    await page.getByRole('tab', { name: 'JWT' }).click();
    const jwtPanel = page.getByRole('tabpanel');
    await jwtPanel.getByLabel('Token', { exact: true }).fill(jwt);
    await jwtPanel.getByLabel('Secret encoding').selectOption('base64');
    await jwtPanel.getByLabel('Key', { exact: true }).fill(Buffer.from(key).toString('base64'));
    await jwtPanel.getByRole('button', { name: 'Verify signature' }).click();
    const verdict = jwtPanel.getByRole('status', { name: 'Signature verdict' });
    await expect(verdict).toContainText('Signature valid');
    await everySize('jwt');
    // Workspace: side by side from 1280 px wide (the verdict beside the claims), stacked below.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const claims = jwtPanel.getByRole('table', { name: 'Claims' });
      await claims.getByRole('row', { name: /^exp/ }).scrollIntoViewIfNeeded();
      await expect(verdict).toBeInViewport();
      const [token, decoded] = await Promise.all([
        jwtPanel.getByLabel('Token', { exact: true }).boundingBox(),
        claims.boundingBox(),
      ]);
      const sideBySide = (token?.x ?? 0) + (token?.width ?? 0) <= (decoded?.x ?? 0);
      expect(sideBySide, `${size.width} px: token beside the claims`).toBe(size.width >= 1280);
    }
    await page.setViewportSize(SIZES[1]);

    await page.getByRole('tab', { name: 'Activity' }).click();
    await expect(page.getByTestId('chain-status')).toContainText('Audit chain intact');
    const log = page.getByRole('region', { name: 'Audit log entries' });
    await expect(log.getByRole('table', { name: 'Audit log, newest first' })).toBeVisible();
    await everySize('activity');
    // The audit log fits too: every column in view, no sideways scroll.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      expect(await log.evaluate((region) => region.scrollWidth <= region.clientWidth)).toBe(true);
    }
    await page.setViewportSize(SIZES[1]);

    await page.getByRole('tab', { name: 'Credentials' }).click();
    await page.keyboard.press('Control+k');
    await expect(dialog(page, 'Command palette')).toBeVisible();
    await everySize('palette');
    await page.keyboard.press('Escape');

    // A dialog's error: in view and focused, at every size.
    const port = await closedPort();
    const form = await fillEnvironmentForm(page, {
      name: 'Unreachable dev',
      kind: 'development',
      baseUrl: `http://127.0.0.1:${port}`,
      clientId: 'dinie_ci_offline',
      clientSecret: 'not-a-real-secret',
    });
    await form.getByRole('button', { name: 'Verify and add' }).click();
    const error = form.getByRole('alert');
    await expect(error).toContainText('Cannot reach the API', { timeout: 20_000 });
    await expect(error).toBeFocused();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(error).toBeInViewport();
      await expect(form.getByRole('button', { name: 'Save as not verified' })).toBeInViewport();
    }
    await everySize('add-environment-error');
  });
}

test('the bidi and zero-width names of the layout data are drawn as markers in the table', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start({ dataFile: await seedLayoutData(app.dataDir) });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Payments', 'staging'));
  const names = table(page).locator('.name-button');
  await expect(names.filter({ hasText: '⟨U+202E⟩norc dlO' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'Old⟨U+200B⟩ cron' })).toHaveCount(1);
  // The three names that looked the same now differ on screen.
  const shown = await names.evaluateAll((buttons) =>
    buttons.map((button) => (button as HTMLElement).innerText),
  );
  const lookalikes = shown.filter((text) => text.replace(/⟨U\+[0-9A-F]+⟩/g, '').includes('cron'));
  expect(new Set(lookalikes).size).toBe(lookalikes.length);
  expect(shown.join('')).not.toContain(LYING_NAME);
});
