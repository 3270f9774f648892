import { describe, expect, it } from 'vitest';
import type { ConfirmRequest } from '../../src/main/core/confirm/confirm-port';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { CONFIRM_WINDOW_CHANNELS } from '../../src/shared/confirm';
import { channelNames } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/result';
import type { Rotation } from '../../src/shared/rotation';
import { compromisedPage, type CompromisedPage } from '../fixtures/compromised-page';
import { requestToken } from '../fixtures/sandbox-client';

/** The error kind of a refused call, or 'ok'. */
function outcome(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.kind;
}

/** What the person was asked since `from`: exactly one request, returned. */
function onlyRequestSince(page: CompromisedPage, from: number): ConfirmRequest {
  const asked = page.person.requests.slice(from);
  expect(asked, 'confirmations asked for one action').toHaveLength(1);
  return asked[0]!;
}

/** Runs one attack twice: refused while the person declines, done once they confirm. */
async function declinedThenConfirmed(
  page: CompromisedPage,
  channel: string,
  input: unknown,
): Promise<{ request: ConfirmRequest; value: unknown }> {
  page.person.answer(false);
  const before = await page.snapshot();
  const asked = page.person.requests.length;
  const refused = await page.invoke(channel, input);
  expect(outcome(refused), `${channel} while the person declines`).toBe('cancelled');
  await page.expectUnchanged(before);
  const declinedRequest = onlyRequestSince(page, asked);

  page.person.answer(true);
  const from = page.person.requests.length;
  const done = await page.invoke(channel, input);
  expect(outcome(done), `${channel} once the person confirms`).toBe('ok');
  const request = onlyRequestSince(page, from);
  expect(request).toEqual(declinedRequest);
  expect(request.environment).toEqual({
    id: page.production.id,
    name: 'Payments prod',
    kind: 'production',
  });
  return { request, value: done.ok ? done.value : null };
}

/** Runs the rotation of the production credential up to "captured", with the person confirming. */
async function rotationCaptured(page: CompromisedPage): Promise<Rotation> {
  page.person.answer(true);
  const env = page.production.id;
  const started = await page.core.rotation.start(env, {
    oldClientId: page.api.bootstrap.clientId,
    name: 'Payments (rotated)',
    expiresAt: null,
  });
  return (await page.core.rotation.create(env, started.id)).rotation;
}

/** …and on to "watching", with an app still using the old key after the switch. */
async function rotationWatchingOldKeyInUse(page: CompromisedPage): Promise<Rotation> {
  const env = page.production.id;
  const { id } = await rotationCaptured(page);
  await page.core.rotation.verify(env, id);
  await page.core.rotation.switchOver(env, id);
  await page.core.rotation.handOver(env, id);
  const response = await requestToken(
    page.api.url,
    page.api.bootstrap.clientId,
    page.productionSecret,
  );
  expect(response.status).toBe(200);
  const watching = await page.core.rotation.pollUsage(env, id);
  expect(watching.watch?.usedAfterSwitch).toBe(true);
  return watching;
}

describe('attack 2: destructive production actions from page script need main’s confirmation', () => {
  it('attack 2: credentials:revoke on production is refused until the person confirms the client_id', async () => {
    const page = await compromisedPage();
    const clientId = page.api.bootstrap.clientId;
    const input = { environmentId: page.production.id, clientId };
    const { request } = await declinedThenConfirmed(page, 'credentials:revoke', input);
    expect(request).toMatchObject({
      action: 'credential.revoke',
      subject: clientId,
      typeToConfirm: clientId.slice(-6),
    });
    expect(request.title).toContain('Payments prod');
    expect(request.warning).toContain('the credential Payments prod uses');
    expect(page.sandboxLog.filter((line) => line.startsWith('DELETE '))).toHaveLength(1);
    expect(await page.secretStore.get(secretAccount(page.production.id, clientId))).toBeNull();
  });

  it('attack 2: a production revoke names the credential as main listed it, and warns when that name lies', async () => {
    const page = await compromisedPage();
    const environmentId = page.production.id;
    page.person.answer(true);
    const created = await page.core.credentials.create(environmentId, {
      name: 'Nightly \u202Enorc',
      expiresAt: null,
    });
    await page.core.credentials.list(environmentId);
    await page.core.snapshots.settled();
    page.person.answer(false);
    const { clientId } = created.credential;
    const refused = await page.invoke('credentials:revoke', { environmentId, clientId });
    expect(refused.ok).toBe(false);
    const request = page.person.requests.at(-1)!;
    expect(request.action).toBe('credential.revoke');
    expect(request.detail).toContain('“Nightly ⟨U+202E⟩norc”');
    expect(request.warning).toContain('The credential name “Nightly ⟨U+202E⟩norc” holds U+202E');
    expect(page.sandboxLog.filter((line) => line.startsWith('DELETE '))).toHaveLength(0);
  });

  it('attack 2: environments:remove on production keeps the keychain entries until the person types its name', async () => {
    const page = await compromisedPage();
    const account = secretAccount(page.production.id, page.api.bootstrap.clientId);
    const { request, value } = await declinedThenConfirmed(page, 'environments:remove', {
      id: page.production.id,
    });
    expect(request).toMatchObject({
      action: 'environment.remove',
      subject: page.api.url,
      typeToConfirm: 'Payments prod',
    });
    expect(request.detail).toContain(page.api.bootstrap.clientId);
    expect(value).toEqual({ removedSecrets: 1 });
    expect(await page.secretStore.get(account)).toBeNull();
  });

  it('attack 2: rotation:revoke-old with acknowledgeRecentUse is refused, and the confirmation warns of the recent use', async () => {
    const page = await compromisedPage();
    const rotation = await rotationWatchingOldKeyInUse(page);
    const oldId = page.api.bootstrap.clientId;
    const input = {
      environmentId: page.production.id,
      rotationId: rotation.id,
      acknowledgeRecentUse: true,
    };
    const { request, value } = await declinedThenConfirmed(page, 'rotation:revoke-old', input);
    expect(request).toMatchObject({
      action: 'rotation.revoke-old',
      subject: oldId,
      typeToConfirm: oldId.slice(-6),
    });
    expect(request.warning).toContain('was used recently');
    expect(value).toMatchObject({ step: 'revoked' });
    expect(page.sandboxLog.filter((line) => line.startsWith('DELETE '))).toHaveLength(1);
  });

  it('attack 2: rotation:cancel with revokeNew on production is refused until the person confirms the new client_id', async () => {
    const page = await compromisedPage();
    const rotation = await rotationCaptured(page);
    const newId = rotation.newClientId!;
    const input = { environmentId: page.production.id, rotationId: rotation.id, revokeNew: true };
    const { request, value } = await declinedThenConfirmed(page, 'rotation:cancel', input);
    expect(request).toMatchObject({
      action: 'rotation.cancel-revoke-new',
      subject: newId,
      typeToConfirm: newId.slice(-6),
    });
    expect(value).toMatchObject({ step: 'cancelled', cancelled: { revokedNew: true } });
    expect(page.sandboxLog.filter((line) => line.startsWith(`DELETE `))).toHaveLength(1);
  });
});

describe('attack 3: a production token or fresh secret reaches the page only when the person says so', () => {
  it('attack 3: token:reveal on production returns no token until the person confirms', async () => {
    const page = await compromisedPage();
    const token = (await page.core.tokens.current(page.production.id)).accessToken;
    page.person.answer(false);
    const refused = await page.invoke('token:reveal', { environmentId: page.production.id });
    expect(JSON.stringify(refused)).not.toContain(token);
    const { request, value } = await declinedThenConfirmed(page, 'token:reveal', {
      environmentId: page.production.id,
    });
    expect(request).toMatchObject({
      action: 'token.reveal',
      subject: page.api.bootstrap.clientId,
      typeToConfirm: null,
    });
    expect(value).toMatchObject({ accessToken: token });
  });

  it('attack 3: credentials:create on production sends nothing and returns no secret until the person confirms', async () => {
    const page = await compromisedPage();
    const input = { environmentId: page.production.id, name: 'Exfiltration', expiresAt: null };
    const { request, value } = await declinedThenConfirmed(page, 'credentials:create', input);
    expect(request).toMatchObject({
      action: 'credential.create',
      subject: 'Exfiltration',
      typeToConfirm: null,
    });
    expect(value).toMatchObject({ credential: { name: 'Exfiltration' } });
    expect(
      page.sandboxLog.filter((line) => line.startsWith('POST /auth/credentials')),
    ).toHaveLength(1);
  });
});

describe('confirmations page script cannot give', () => {
  it('the confirmation window’s channels are not in the page contract, and the router refuses them', async () => {
    const page = await compromisedPage();
    for (const channel of Object.values(CONFIRM_WINDOW_CHANNELS)) {
      expect(channelNames).not.toContain(channel);
      expect(outcome(await page.invoke(channel, { confirmed: true, typed: 'x' }))).not.toBe('ok');
    }
  });

  it('a non-production environment asks nothing: create, reveal, revoke and remove go straight through', async () => {
    const page = await compromisedPage();
    const { environment: staging } = await page.core.environments.add({
      name: 'Payments staging',
      kind: 'staging',
      baseUrl: page.api.url,
      tokenUrl: null,
      extraHeaders: {},
      colour: '#1f6feb',
      clientId: page.api.bootstrap.clientId,
      clientSecret: page.productionSecret,
      saveUnverified: false,
    });
    const environmentId = staging.id;
    const created = await page.invoke('credentials:create', {
      environmentId,
      name: 'Staging worker',
      expiresAt: null,
    });
    expect(outcome(created)).toBe('ok');
    expect(outcome(await page.invoke('token:reveal', { environmentId }))).toBe('ok');
    const clientId = (created as { value: { credential: { clientId: string } } }).value.credential
      .clientId;
    expect(outcome(await page.invoke('credentials:revoke', { environmentId, clientId }))).toBe(
      'ok',
    );
    expect(outcome(await page.invoke('environments:remove', { id: environmentId }))).toBe('ok');
    expect(page.person.requests).toEqual([]);
  });
});
