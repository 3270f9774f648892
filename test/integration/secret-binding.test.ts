import { describe, expect, it } from 'vitest';
import { secretHeaderAccount } from '../../src/main/core/secrets/bound-secrets';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { createScriptedConfirm } from '../support/scripted-confirm';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { sandbox } from '../fixtures/sandbox-client';

/** The AppError a promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

/** A core with a production environment on a sandbox, its secret in the keychain. */
async function production() {
  const api = await sandbox();
  // The person confirms every production edit here: these tests are about what the binding does.
  const world = await coreForTest({ confirm: createScriptedConfirm(true) });
  const { environment } = await world.core.environments.add({
    ...STAGING_FIELDS,
    name: 'Prod',
    kind: 'production',
    baseUrl: api.url,
    colour: '#d1242f',
    clientId: api.bootstrap.clientId,
    clientSecret: api.bootstrap.clientSecret!,
    saveUnverified: false,
  });
  const account = secretAccount(environment.id, api.bootstrap.clientId);
  return { api, ...world, environment, account, secret: api.bootstrap.clientSecret! };
}

describe('the keychain keeps each secret with its binding', () => {
  it('stores a proven secret as an envelope bound to the token endpoint, API and kind', async () => {
    const { api, secretStore, account, secret } = await production();
    const envelope = openSecret((await secretStore.get(account))!);
    expect(envelope).toMatchObject({
      v: 1,
      secret,
      tokenOrigin: new URL(api.url).origin,
      apiOrigin: new URL(api.url).origin,
      kind: 'production',
      provenAt: expect.any(Number),
    });
  });

  it('reads a plain entry from before bindings as bound to the environment as it is, and rewrites it as an envelope', async () => {
    const { api, core, secretStore, environment, account, secret, restart } = await production();
    await core.dispose();
    await secretStore.set(account, secret); // What an older Keysmith left in the keychain.

    const again = await restart();
    const [view] = await again.environments.list();
    expect(view).toMatchObject({ secretState: 'bound', hasSecret: true });
    expect(openSecret((await secretStore.get(account))!)).toMatchObject({
      secret,
      tokenOrigin: new URL(api.url).origin,
      kind: 'production',
      provenAt: null,
    });
    const renewed = await again.tokens.renew(environment.id);
    expect(renewed.status).toBe('valid');
  });

  it('binds a plain entry to its old endpoint before an edit moves it, never to the edited one', async () => {
    const { api, core, secretStore, environment, account, secret, restart } = await production();
    await core.dispose();
    await secretStore.set(account, secret);

    const again = await restart();
    const moved = await again.environments.update(environment.id, {
      baseUrl: 'https://evil.example',
    });
    expect(moved.secretState).toBe('needs-proof');
    expect(openSecret((await secretStore.get(account))!)).toMatchObject({
      tokenOrigin: new URL(api.url).origin,
    });
    const refused = await failureOf(again.tokens.current(environment.id));
    expect(refused.kind).toBe('conflict');
    expect(refused.message).toContain(
      `token endpoint ${new URL(api.url).origin} → https://evil.example`,
    );
  });

  it('keeps a secret header in the keychain, requires its value once, and deletes it with the header', async () => {
    const { core, secretStore, environment } = await production();
    const account = secretHeaderAccount(environment.id, 'X-Api-Key');
    const missing = await failureOf(
      core.environments.update(environment.id, { secretHeaders: ['X-Api-Key'] }),
    );
    expect(missing).toMatchObject({ kind: 'validation', errors: [{ param: 'secretHeaders' }] });
    const clash = await failureOf(
      core.environments.update(
        environment.id,
        { extraHeaders: { 'x-api-key': 'plain' }, secretHeaders: ['X-Api-Key'] },
        { 'X-Api-Key': 'k' },
      ),
    );
    expect(clash).toMatchObject({ kind: 'validation', errors: [{ param: 'secretHeaders' }] });
    expect(await secretStore.get(account)).toBeNull();

    const set = await core.environments.update(
      environment.id,
      { secretHeaders: ['X-Api-Key'] },
      { 'x-api-key': 'gateway-key-1' },
    );
    expect(set).toMatchObject({ secretHeaders: ['X-Api-Key'], secretHeadersToPaste: [] });
    expect(openSecret((await secretStore.get(account))!)?.secret).toBe('gateway-key-1');
    // An edit that leaves the header alone keeps its value.
    await core.environments.update(environment.id, { name: 'Prod EU' });
    expect(openSecret((await secretStore.get(account))!)?.secret).toBe('gateway-key-1');
    // The header's keychain entry is not a credential.
    expect([...(await core.environments.storedClientIds(environment.id))]).toEqual([
      environment.activeClientId,
    ]);

    await core.environments.update(environment.id, { secretHeaders: [] });
    expect(await secretStore.get(account)).toBeNull();
    const audit = (await core.auditLog.list()).map((entry) => entry.outcome ?? '').join('\n');
    expect(audit).toContain('secret headers set in the keychain: X-Api-Key');
    expect(audit).toContain('secret headers removed: X-Api-Key');
    expect(audit).not.toContain('gateway-key-1');
  });

  it('refuses a token URL with a query string, naming the field', async () => {
    const { core, environment, api } = await production();
    const refused = await failureOf(
      core.environments.update(environment.id, {
        tokenUrl: `${api.url}/auth/token?subscription-key=abc123`,
      }),
    );
    expect(refused).toMatchObject({
      kind: 'validation',
      errors: [{ param: 'tokenUrl', detail: expect.stringContaining('secret header') }],
    });
  });
});
