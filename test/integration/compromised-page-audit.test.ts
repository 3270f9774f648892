import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_ACCOUNT } from '../../src/main/core/audit/audit-keyring';
import { AUDIT_FILE, AUDIT_HEAD_FILE } from '../../src/main/core/audit/audit-log';
import {
  decideLaunch,
  instanceOutcome,
  menuTemplate,
  type MenuItemSpec,
} from '../../src/main/launch-policy';
import { canonicalJson } from '../../src/shared/canonical-json';
import type { AuditVerification } from '../../src/shared/domain';
import { auditVerificationOutput } from '../../src/shared/ipc/channels/audit';
import { compromisedPage, type CompromisedPage } from '../fixtures/compromised-page';

// Attacks 5 and 6 of issue 11. Attack 5: someone who can write the user's files (not read their
// keychain) edits the audit log after real actions made through the router; the page then asks
// `audit:verify`, as page script would. Attack 6: the launch policy a packaged build applies.

/** Real actions through the router, as the page makes them: each one is audited. */
async function act(page: CompromisedPage, name = 'Payments staging'): Promise<number> {
  const added = await page.invoke('environments:add', {
    name,
    kind: 'staging',
    baseUrl: page.api.url,
    tokenUrl: null,
    extraHeaders: {},
    colour: '#1f6feb',
    clientId: page.api.bootstrap.clientId,
    clientSecret: page.productionSecret,
    saveUnverified: false,
  });
  expect(added, 'environments:add').toMatchObject({ ok: true });
  const { environment } = (added as { value: { environment: { id: string } } }).value;
  const created = await page.invoke('credentials:create', {
    environmentId: environment.id,
    name: 'Audited',
    expiresAt: null,
  });
  expect(created, 'credentials:create').toMatchObject({ ok: true });
  const renamed = await page.invoke('environments:update', {
    id: environment.id,
    patch: { name: `${name} (EU)` },
  });
  expect(renamed, 'environments:update').toMatchObject({ ok: true });
  const listed = await page.invoke('audit:list', {});
  const entries = (listed as { value: readonly unknown[] }).value.length;
  expect(entries).toBeGreaterThanOrEqual(4);
  return entries;
}

/** `audit:verify` as the page calls it; the value must also pass the channel's output schema. */
async function verifyAsPage(page: CompromisedPage): Promise<AuditVerification> {
  const result = await page.invoke('audit:verify');
  expect(result).toMatchObject({ ok: true });
  const value = (result as { value: AuditVerification }).value;
  expect(auditVerificationOutput.parse(value)).toEqual(value);
  return value;
}

describe('attack 5: the audit log cannot be edited into "intact"', () => {
  it('attack 5 (a): cutting the last entries and deleting audit.head reads as broken at the first cut entry', async () => {
    const page = await compromisedPage();
    const entries = await act(page);
    const dir = page.dataDir;
    const lines = (await readFile(join(dir, AUDIT_FILE), 'utf8')).split('\n').slice(0, -1);
    await writeFile(join(dir, AUDIT_FILE), `${lines.slice(0, entries - 2).join('\n')}\n`);
    await rm(join(dir, AUDIT_HEAD_FILE), { force: true });
    expect(await verifyAsPage(page)).toEqual({
      state: 'broken',
      entries: entries - 2,
      brokenAt: {
        entry: entries - 1,
        line: entries - 1,
        reason: expect.stringMatching(/2 lines were removed from the end/),
      },
    });
  });

  it('attack 5 (b): rewriting an entry and recomputing the old unkeyed hashes reads as broken at that entry', async () => {
    const page = await compromisedPage();
    const entries = await act(page);
    const path = join(page.dataDir, AUDIT_FILE);
    const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
    const target = 2;
    // From the target on, every line rewritten and chained by sha256 as the old code did.
    let prev = '';
    const forged = lines.map((raw, index) => {
      if (index + 1 < target) {
        prev = (JSON.parse(raw) as { mac: string }).mac;
        return raw;
      }
      const { mac: _mac, hash: _hash, ...rest } = JSON.parse(raw) as Record<string, unknown>;
      const line = {
        ...rest,
        ...(index + 1 === target ? { outcome: 'nothing happened', clientId: 'someone-else' } : {}),
        prev,
      };
      prev = createHash('sha256').update(canonicalJson(line)).digest('hex');
      return JSON.stringify({ ...line, hash: prev });
    });
    await writeFile(path, `${forged.join('\n')}\n`);
    expect(await verifyAsPage(page)).toEqual({
      state: 'broken',
      entries: target - 1,
      brokenAt: {
        entry: target,
        line: target,
        reason: expect.stringMatching(/rewritten without the audit key/),
      },
    });
    expect(entries).toBeGreaterThan(target);
  });

  it('attack 5 (c): deleting the anchor from the keychain reads as unverifiable, and later actions do not make it intact', async () => {
    const page = await compromisedPage();
    const entries = await act(page);
    expect(await page.secretStore.delete(AUDIT_ANCHOR_ACCOUNT)).toBe(true);
    const unverifiable = {
      state: 'unverifiable',
      reason: expect.stringMatching(/anchor is missing/),
    };
    expect(await verifyAsPage(page)).toEqual({ ...unverifiable, entries });
    await act(page, 'Payments staging 2');
    expect(await verifyAsPage(page)).toMatchObject(unverifiable);
    expect(await page.secretStore.get(AUDIT_ANCHOR_ACCOUNT)).toBeNull();
  });

  it('attack 5 (d): untouched, the log reads intact, and verifying changes nothing', async () => {
    const page = await compromisedPage();
    const entries = await act(page);
    const before = await page.snapshot();
    expect(await verifyAsPage(page)).toEqual({ state: 'intact', entries, hashOnly: [] });
    await page.expectUnchanged(before);
    // The page can pass nothing that changes what is checked.
    expect(await page.invoke('audit:verify', { skip: true })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });
});

/** Every role anywhere in a menu template. */
const rolesOf = (template: readonly MenuItemSpec[]): string[] =>
  template.flatMap((entry) => [
    ...(entry.role !== undefined ? [entry.role] : []),
    ...rolesOf(entry.submenu ?? []),
  ]);

describe('attack 6: a packaged build opens no way in for a debugger or a redirected page', () => {
  const exe = '/Applications/Keysmith.app/Contents/MacOS/Keysmith';
  const debugFlags = [
    '--remote-debugging-port=9222',
    '--remote-debugging-pipe',
    '--inspect',
    '--inspect=9229',
    '--inspect-brk',
    '--inspect-brk=9229',
    '--js-flags=--expose-gc',
  ];

  it('attack 6: a packaged app refuses to start with --remote-debugging-port, --remote-debugging-pipe, --inspect*, --js-flags', () => {
    for (const flag of debugFlags) {
      expect(decideLaunch([exe, flag], {}, true).refuse, flag).toContain(flag.split('=')[0]);
      // The same flag on a development build is the developer's business.
      expect(decideLaunch([exe, flag], {}, false).refuse, flag).toBeNull();
    }
  });

  it('attack 6: a packaged app ignores KEYSMITH_USER_DATA and ELECTRON_RENDERER_URL, and has no DevTools', () => {
    const env = {
      KEYSMITH_USER_DATA: '/tmp/attacker-data',
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:8080',
    };
    expect(decideLaunch([exe], env, true)).toEqual({
      refuse: null,
      userDataOverride: null,
      rendererUrlOverride: null,
      devTools: false,
      ignoredEnv: ['KEYSMITH_USER_DATA', 'ELECTRON_RENDERER_URL'],
    });
    expect(decideLaunch([exe], env, false)).toMatchObject({
      userDataOverride: '/tmp/attacker-data',
      rendererUrlOverride: 'http://127.0.0.1:8080',
      devTools: true,
    });
    for (const platform of ['darwin', 'linux', 'win32']) {
      const roles = rolesOf(menuTemplate({ platform, appName: 'Keysmith', devTools: false }));
      expect(roles, platform).not.toContain('toggleDevTools');
    }
  });

  it('attack 6: a launch without the single-instance lock exits instead of starting', () => {
    expect(instanceOutcome(false)).toBe('exit');
    expect(instanceOutcome(true)).toBe('start');
  });
});
