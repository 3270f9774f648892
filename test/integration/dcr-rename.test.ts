import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createRegistrationTokens } from '../../src/main/core/secrets/registration-tokens';
import { registrationTokenAccount } from '../../src/main/core/secrets/registration-tokens';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { AppFailure } from '../../src/shared/errors';
import { compromisedDcrPage } from '../fixtures/compromised-dcr-page';
import { compromisedPage } from '../fixtures/compromised-page';
import { dcrWorld } from '../fixtures/dcr-world';
import { filesUnder } from '../support/files-under';
import { storedSecret } from '../support/stored-secret';

/** The error a promise rejects with (fails the test when it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('renaming a client registered through DCR (RFC 7592 update), against a real oidc-provider', () => {
  it('renames at the server: its read and the list show the new name, the secret and token still work', async () => {
    const { core, server, environment, secretStore } = await dcrWorld();
    const env = environment.id;
    const captured = await core.credentials.create(env, {
      name: 'Payments worker',
      expiresAt: null,
    });
    const clientId = captured.credential.clientId;
    const registrationToken = await storedSecret(
      secretStore,
      registrationTokenAccount(env, clientId),
    );

    const renamed = await core.credentials.rename(env, clientId, 'Payments worker (EU)');
    expect(renamed).toMatchObject({
      clientId,
      name: 'Payments worker (EU)',
      status: 'active',
      secretStored: true,
      registration: { state: 'registered', changes: [], authMethod: 'client_secret_basic' },
    });
    expect(JSON.stringify(renamed)).not.toContain(captured.clientSecret!);
    expect(JSON.stringify(renamed)).not.toContain(registrationToken!);
    // The server has the new name and kept the rest of what it had.
    expect((await server.provider.Client.find(clientId))?.metadata()).toMatchObject({
      client_name: 'Payments worker (EU)',
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
      client_secret: captured.clientSecret,
    });
    // An RFC 7592 read (the list) shows it, with no "changed at the server" for Keysmith's own rename.
    const listed = await core.credentials.list(env);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      name: 'Payments worker (EU)',
      registration: { changes: [] },
    });
    expect(await storedSecret(secretStore, secretAccount(env, clientId))).toBe(
      captured.clientSecret,
    );
    await core.environments.setActiveCredential(env, clientId);
    const token = await core.tokens.current(env);
    expect(decodeJwt(token.accessToken)).toMatchObject({ client_id: clientId });
    const audit = await core.auditLog.list({ environmentId: env });
    const entry = audit.find((each) => each.action === 'credential.rename');
    expect(entry).toMatchObject({ clientId, outcome: 'renamed at the server' });
    expect(JSON.stringify(audit)).not.toContain(captured.clientSecret!);
  });

  it('keeps a registration access token the server rotates in the keychain, never in the answer or a file', async () => {
    const { core, environment, secretStore, dataDir } = await dcrWorld({
      server: { rotateRegistrationAccessToken: true },
    });
    const env = environment.id;
    const captured = await core.credentials.create(env, { name: 'Rotating', expiresAt: null });
    const clientId = captured.credential.clientId;
    const account = registrationTokenAccount(env, clientId);
    const before = await storedSecret(secretStore, account);

    const renamed = await core.credentials.rename(env, clientId, 'Rotated once');
    const after = await storedSecret(secretStore, account);
    expect(after).toEqual(expect.any(String));
    expect(after).not.toBe(before);
    expect(JSON.stringify(renamed)).not.toContain(after!);
    for (const file of await filesUnder(dataDir))
      expect(file.text, file.path).not.toContain(after!);
    // The new token is the one that works: a second rename goes through with it.
    const again = await core.credentials.rename(env, clientId, 'Rotated twice');
    expect(again.name).toBe('Rotated twice');
  });

  it('a wrong registration access token is refused with the server’s error; a missing one before anything is sent', async () => {
    const { core, server, environment, secretStore } = await dcrWorld();
    const env = environment.id;
    const captured = await core.credentials.create(env, { name: 'Locked', expiresAt: null });
    const clientId = captured.credential.clientId;
    await createRegistrationTokens(secretStore).store(environment, clientId, 'not-the-token');
    const wrong = await failureOf(core.credentials.rename(env, clientId, 'Hijacked'));
    expect(wrong.appError.message).toMatch(/invalid_token|registration access token/);
    expect(wrong.appError.message).toContain('HTTP 401');
    expect((await server.provider.Client.find(clientId))?.metadata().client_name).toBe('Locked');

    await secretStore.delete(registrationTokenAccount(env, clientId));
    const missing = await failureOf(core.credentials.rename(env, clientId, 'Hijacked'));
    expect(missing.appError).toMatchObject({ kind: 'keychain', reason: 'not-found' });
    expect((await server.provider.Client.find(clientId))?.metadata().client_name).toBe('Locked');
    const audit = await core.auditLog.list({ environmentId: env });
    expect(
      audit.filter((each) => each.action === 'credential.rename').map((each) => each.outcome),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^failed: /)]));
  });

  it('a client this app did not register cannot be renamed', async () => {
    const { core, environment, bootstrap, server } = await dcrWorld();
    const refused = await failureOf(
      core.credentials.rename(environment.id, bootstrap.clientId, 'Mine'),
    );
    expect(refused.appError.kind).toBe('not-found');
    expect(
      (await server.provider.Client.find(bootstrap.clientId))?.metadata().client_name,
    ).not.toBe('Mine');
  });
});

describe('renaming as a compromised page would ask for it', () => {
  it('in production, nothing is renamed until the person confirms in main', async () => {
    const page = await compromisedDcrPage();
    const env = page.environment.id;
    page.person.answer(true);
    const created = (await page.invoke('credentials:create', {
      environmentId: env,
      name: 'Billing',
      expiresAt: null,
    })) as { ok: true; value: { credential: { clientId: string } } };
    const clientId = created.value.credential.clientId;
    // The page lists it first, so main knows its current name.
    await page.invoke('credentials:list', { environmentId: env });

    page.person.answer(false);
    const asked = page.person.requests.length;
    const input = { environmentId: env, clientId, name: 'Bi\u200Blling' };
    const refused = await page.invoke('credentials:rename', input);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    const request = page.person.requests.at(-1)!;
    expect(page.person.requests.slice(asked).map((each) => each.action)).toEqual([
      'credential.rename',
    ]);
    expect(request.title).toMatch(/^Rename a registered client/);
    expect(request.subject).toBe('Bi\u200Blling');
    // The zero-width space in the new name is shown and warned about.
    expect(request.warning).toContain(
      'The new name “Bi⟨U+200B⟩lling” holds U+200B ZERO WIDTH SPACE',
    );
    expect(request.detail).toContain('from “Billing”');
    expect(request.detail).toContain('⟨U+200B⟩');
    expect((await page.server.provider.Client.find(clientId))?.metadata().client_name).toBe(
      'Billing',
    );

    page.person.answer(true);
    const renamed = await page.invoke('credentials:rename', { ...input, name: 'Billing (EU)' });
    expect(renamed).toMatchObject({ ok: true, value: { clientId, name: 'Billing (EU)' } });
    expect((await page.server.provider.Client.find(clientId))?.metadata().client_name).toBe(
      'Billing (EU)',
    );
    expect(page.collector.requests).toEqual([]);
  });

  it('the seed API has no rename: refused clearly, without asking the person', async () => {
    const page = await compromisedPage();
    page.person.answer(true);
    const asked = page.person.requests.length;
    const before = await page.snapshot();
    const refused = await page.invoke('credentials:rename', {
      environmentId: page.production.id,
      clientId: page.api.bootstrap.clientId,
      name: 'Renamed',
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(JSON.stringify(refused)).toContain('no rename');
    expect(page.person.requests.length).toBe(asked);
    await page.expectUnchanged(before);
  });
});
