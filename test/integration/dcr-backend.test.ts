import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { AppFailure } from '../../src/shared/errors';
import { registrationTokenAccount } from '../../src/main/core/secrets/registration-tokens';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
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

describe('credentials through Dynamic Client Registration, against a real oidc-provider', () => {
  it('register → token → read → delete, with the secret and the registration access token only in the keychain', async () => {
    const { core, server, environment, secretStore, dataDir } = await dcrWorld();
    const env = environment.id;

    const captured = await core.credentials.create(env, {
      name: 'Payments worker',
      expiresAt: null,
    });
    const clientId = captured.credential.clientId;
    expect(captured.clientSecret).toEqual(expect.any(String));
    expect(captured.credential).toMatchObject({
      name: 'Payments worker',
      status: 'active',
      secretStored: true,
      registration: { state: 'registered', changes: [], authMethod: 'client_secret_basic' },
    });
    expect(await storedSecret(secretStore, secretAccount(env, clientId))).toBe(
      captured.clientSecret,
    );
    const registrationToken = await storedSecret(
      secretStore,
      registrationTokenAccount(env, clientId),
    );
    expect(registrationToken).toEqual(expect.any(String));
    // The server really has it, with the metadata Keysmith sent.
    const atServer = await server.provider.Client.find(clientId);
    expect(atServer?.metadata()).toMatchObject({
      client_name: 'Payments worker',
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    });

    // A token with it: the environment switches to it and main exchanges its stored secret.
    await core.environments.setActiveCredential(env, clientId);
    const token = await core.tokens.current(env);
    expect(decodeJwt(token.accessToken)).toMatchObject({ client_id: clientId });

    // Read: the list is the registry, each client read again at the server.
    const listed = await core.credentials.list(env);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      clientId,
      name: 'Payments worker',
      status: 'active',
      inUse: true,
      expiresAt: null,
      lastUsedAt: null,
      registration: { state: 'registered' },
    });
    expect(core.credentials.reportsLastUse(env)).toBe(false);

    // Nothing secret in any file: the registry keeps the configuration URI only.
    for (const file of await filesUnder(dataDir)) {
      expect(file.text, file.path).not.toContain(captured.clientSecret!);
      expect(file.text, file.path).not.toContain(registrationToken!);
    }
    const audit = await core.auditLog.list({ environmentId: env });
    expect(audit.map((entry) => entry.action)).toContain('credential.register');

    // Delete: RFC 7592 DELETE, then the keychain items go.
    const revoked = await core.credentials.revoke(env, clientId);
    expect(revoked.forgotten).toBeUndefined();
    expect(await server.provider.Client.find(clientId)).toBeUndefined();
    expect(await secretStore.get(secretAccount(env, clientId))).toBeNull();
    expect(await secretStore.get(registrationTokenAccount(env, clientId))).toBeNull();
    expect(await core.credentials.list(env)).toEqual([]);
  });

  it('shows what the server says now: a renamed client, its secret expiry, and a client deleted at the server', async () => {
    const { core, server, environment } = await dcrWorld();
    const env = environment.id;
    const kept = await core.credentials.create(env, { name: 'Kept', expiresAt: null });
    const gone = await core.credentials.create(env, { name: 'Gone', expiresAt: null });
    // The server's own client store (oidc-provider's adapter): what an admin console edits.
    const adapter = (
      server.provider.Client as unknown as {
        adapter: {
          find(id: string): Promise<unknown>;
          upsert(id: string, payload: object): Promise<void>;
          destroy(id: string): Promise<void>;
        };
      }
    ).adapter;
    const expiresAt = Math.floor(Date.now() / 1000) + 7 * 86_400;
    const stored = (await adapter.find(kept.credential.clientId)) as Record<string, unknown>;
    await adapter.upsert(kept.credential.clientId, {
      ...stored,
      client_name: 'Kept (renamed at the server)',
      client_secret_expires_at: expiresAt,
    });
    await adapter.destroy(gone.credential.clientId);

    const listed = await core.credentials.list(env);
    const keptRow = listed.find((row) => row.clientId === kept.credential.clientId);
    const goneRow = listed.find((row) => row.clientId === gone.credential.clientId);
    expect(keptRow).toMatchObject({
      name: 'Kept (renamed at the server)',
      status: 'active',
      expiresAt: new Date(expiresAt * 1000).toISOString(),
      registration: { state: 'registered' },
    });
    expect(keptRow?.registration?.changes.join(' ')).toContain('Kept (renamed at the server)');
    expect(goneRow).toMatchObject({ status: 'revoked', registration: { state: 'gone' } });
    expect(goneRow?.registration?.detail).toMatch(/no longer registered/);

    // Revoking the gone one forgets it here (the server no longer knows it).
    const outcome = await core.credentials.revoke(env, gone.credential.clientId);
    expect(outcome.forgotten).toBe(true);
    const after = await core.credentials.list(env);
    expect(after.map((row) => row.clientId)).toEqual([kept.credential.clientId]);
  });

  it('refuses an expiry and a DCR environment without a registration endpoint, in words on the field', async () => {
    const { core, environment } = await dcrWorld();
    const expiry = await failureOf(
      core.credentials.create(environment.id, {
        name: 'Dated',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    expect(expiry.appError).toMatchObject({ kind: 'validation', errors: [{ param: 'expiresAt' }] });
    await core.environments.update(environment.id, { registrationUrl: null });
    const none = await failureOf(
      core.credentials.create(environment.id, { name: 'Nowhere', expiresAt: null }),
    );
    expect(none.appError).toMatchObject({
      kind: 'validation',
      errors: [{ param: 'registrationUrl' }],
    });
  });

  it('a client this app did not register cannot be revoked through DCR', async () => {
    const { core, environment, bootstrap, server } = await dcrWorld();
    const refused = await failureOf(core.credentials.revoke(environment.id, bootstrap.clientId));
    expect(refused.appError.kind).toBe('not-found');
    expect(await server.provider.Client.find(bootstrap.clientId)).toBeDefined();
  });
});
