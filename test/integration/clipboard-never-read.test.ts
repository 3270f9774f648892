import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { describe, expect, it } from 'vitest';
import { channelNames, type ChannelInput, type ChannelName } from '../../src/shared/ipc/contract';
import { compromisedPage, type CompromisedPage } from '../fixtures/compromised-page';
import { createMemoryClipboard } from '../support/memory-clipboard';

/** What the person copied from somewhere else (a password manager, say): the page must never get it. */
const THEIRS = 'hunter2-from-the-password-manager-7f3a9c';

/** The rotation the calls below walk through (started by `rotation:start`). */
function rotationOf(page: CompromisedPage): { environmentId: string; rotationId: string } {
  const environmentId = page.production.id;
  return { environmentId, rotationId: page.core.rotation.get(environmentId)?.id ?? 'none' };
}

/**
 * One call per channel, in the order they run: the compiler refuses this map when a channel is
 * added without an entry, so every new channel is held to "never reads the clipboard".
 */
const CALLS: { readonly [K in ChannelName]: (page: CompromisedPage) => ChannelInput<K> } = {
  'app:info': () => undefined,
  'environments:list': () => undefined,
  'environments:get-selected': () => undefined,
  'environments:select': (page) => ({ id: page.production.id }),
  'credentials:list': (page) => ({ environmentId: page.production.id }),
  'clipboard:write-text': () => ({ text: 'cl_not_secret' }),
  'clipboard:copy-token': (page) => ({
    environmentId: page.production.id,
    format: 'authorization-header',
  }),
  'credentials:copy-secret': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
  }),
  'credentials:pending': (page) => ({ environmentId: page.production.id }),
  'credentials:dismiss-pending': (page) => ({ environmentId: page.production.id, id: 'none' }),
  'credentials:create': (page) => ({
    environmentId: page.production.id,
    name: 'Clipboard probe',
    expiresAt: null,
  }),
  'token:state': (page) => ({ environmentId: page.production.id }),
  'token:renew': (page) => ({ environmentId: page.production.id }),
  'token:set-auto-renew': (page) => ({ environmentId: page.production.id, enabled: true }),
  'token:reveal': (page) => ({ environmentId: page.production.id }),
  'jwt:fetch-jwks': (page) => ({ url: `${page.api.url}/.well-known/jwks.json` }),
  'jwt:watch-add': () => ({
    label: 'Probe',
    expiresAt: Date.now() + 3_600_000,
    issuer: null,
    subject: null,
    warnMinutes: 15,
  }),
  'jwt:watch-list': () => undefined,
  'jwt:watch-remove': () => ({ id: 'none' }),
  'rotation:start': (page) => ({
    environmentId: page.production.id,
    oldClientId: page.api.bootstrap.clientId,
    name: 'Probe (rotated)',
    expiresAt: null,
  }),
  'rotation:get': (page) => ({ environmentId: page.production.id }),
  'rotation:create': rotationOf,
  'rotation:verify': rotationOf,
  'rotation:switch': rotationOf,
  'rotation:copy-snippet': (page) => ({ ...rotationOf(page), format: 'env', withSecret: true }),
  'rotation:hand-over': rotationOf,
  'rotation:poll-usage': rotationOf,
  'rotation:revoke-old': (page) => ({ ...rotationOf(page), acknowledgeRecentUse: true }),
  'rotation:finish': rotationOf,
  'rotation:cancel': (page) => ({ ...rotationOf(page), revokeNew: false }),
  'rotation:dismiss': rotationOf,
  'credentials:rename': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
    name: 'Probe (renamed)',
  }),
  'credentials:revoke': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
  }),
  'audit:list': (page) => ({ environmentId: page.production.id, limit: 50 }),
  'audit:verify': () => undefined,
  'snapshots:summaries': () => undefined,
  'snapshots:refresh': (page) => ({ environmentId: page.production.id }),
  'snapshots:credentials': (page) => ({ environmentId: page.production.id }),
  'snapshots:fleet': () => undefined,
  'snapshots:jwks': (page) => ({ environmentId: page.production.id }),
  'snapshots:index': () => undefined,
  'snapshots:settings': () => undefined,
  'snapshots:set-settings': () => ({ reminderDays: 3 }),
  'environments:update': (page) => ({ id: page.production.id, patch: { colour: '#d1242f' } }),
  'environments:store-secret': (page) => ({
    id: page.production.id,
    clientId: 'cl_probe',
    clientSecret: 'not-a-real-secret',
  }),
  'environments:set-active-credential': (page) => ({
    id: page.production.id,
    clientId: page.api.bootstrap.clientId,
  }),
  'environments:add': (page) => ({
    ...STAGING_FIELDS,
    name: 'Probe staging',
    baseUrl: page.api.url,
    clientId: 'cl_probe',
    clientSecret: 'not-a-real-secret',
    saveUnverified: true,
  }),
  'environments:discover': (page) => ({ issuer: page.api.url, kind: 'production' }),
  'client-keys:get': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
  }),
  'client-keys:generate': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
    alg: 'ES256',
  }),
  'client-keys:remove': (page) => ({
    environmentId: page.production.id,
    clientId: page.api.bootstrap.clientId,
  }),
  'environments:remove': (page) => ({ id: page.production.id }),
};

describe('copy through main: the page can never read the clipboard back', () => {
  it('no channel reads the clipboard or returns what is on it, whatever the person confirms', async () => {
    const clipboard = createMemoryClipboard();
    let reads = 0;
    const counted = { ...clipboard, readText: () => (reads++, clipboard.readText()) };
    const page = await compromisedPage({ clipboard: counted });
    page.person.answer(true);
    const succeeded: string[] = [];
    for (const [channel, input] of Object.entries(CALLS)) {
      clipboard.writeText(THEIRS);
      const result = await page.invoke(channel, input(page as never));
      expect(JSON.stringify(result), channel).not.toContain(THEIRS);
      if (result.ok) succeeded.push(channel);
    }
    expect(Object.keys(CALLS).sort()).toEqual([...channelNames].sort());
    expect(reads, 'clipboard reads while channels ran').toBe(0);
    // The calls reached their handlers: every copy and most of the rest did their work.
    expect(succeeded).toEqual(
      expect.arrayContaining([
        'clipboard:write-text',
        'clipboard:copy-token',
        'credentials:copy-secret',
        'credentials:create',
        'token:reveal',
        'rotation:copy-snippet',
        'rotation:finish',
        'environments:remove',
      ]),
    );
    // Main wrote the clipboard (copies), and only reads it to clear its own secret later.
    expect(clipboard.history.filter((text) => text !== THEIRS).length).toBeGreaterThan(3);
  });
});
