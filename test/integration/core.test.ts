import { describe, expect, it } from 'vitest';
import type { EnvironmentFields } from '../../src/shared/domain';
import { AppFailure } from '../../src/shared/errors';
import { AUDIT_ANCHOR_ACCOUNT, AUDIT_KEY_ACCOUNT } from '../../src/main/core/audit/audit-keyring';
import { isCredentialAccount, secretAccount } from '../../src/main/core/secrets/secret-store';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { filesUnder } from '../support/files-under';
import { sandbox } from '../fixtures/sandbox-client';
import { storedSecret } from '../support/stored-secret';

const fields = (baseUrl: string, name = 'Staging'): EnvironmentFields => ({
  ...STAGING_FIELDS,
  name,
  baseUrl,
});

/** The AppError a promise rejects with. */
async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

describe('createCore: the use cases the UI calls', () => {
  it('first run has a working Local sandbox whose secret is only in the keychain, kept across restarts', async () => {
    const { core, dataDir, secretStore, restart } = await coreForTest({ embeddedSandbox: true });
    const [local] = await core.environments.list();
    expect(local).toMatchObject({
      name: 'Local sandbox',
      kind: 'sandbox',
      embedded: true,
      verification: 'verified',
      hasSecret: true,
    });
    expect(core.environments.selectedId()).toBe(local!.id);
    const secret = await storedSecret(
      secretStore,
      secretAccount(local!.id, local!.activeClientId!),
    );
    expect(secret).toMatch(/\S{20,}/);
    const token = await core.tokens.current(local!.id);
    expect(token.accessToken.split('.')).toHaveLength(3);
    const created = await core.credentials.create(local!.id, { name: 'Tried', expiresAt: null });
    await core.dispose();

    const again = await restart({ embeddedSandbox: true });
    const [reopened] = await again.environments.list();
    expect(reopened).toMatchObject({ id: local!.id, activeClientId: local!.activeClientId });
    expect((await again.tokens.current(local!.id)).accessToken).not.toBe('');
    const names = (await again.credentials.list(local!.id)).map((c) => c.name);
    expect(names).toContain('Tried');
    for (const file of await filesUnder(dataDir)) {
      expect(file.text, file.path).not.toContain(secret!);
      expect(file.text, file.path).not.toContain(created.clientSecret);
    }
  });

  it('adds an environment proven by a token exchange, and removes it with its keychain entries', async () => {
    const api = await sandbox();
    const { core, secretStore } = await coreForTest();
    const { environment, verified } = await core.environments.add({
      ...fields(api.url),
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    expect(verified).toBe(true);
    expect(environment).toMatchObject({ hasSecret: true, tokenStatus: 'valid' });
    expect(api.stats.tokenRequests).toBe(1);
    const created = await core.credentials.create(environment.id, {
      name: 'Second',
      expiresAt: null,
    });
    // The keychain also holds the audit key and anchor, under accounts no credential can take.
    const credentialAccounts = async () => (await secretStore.list()).filter(isCredentialAccount);
    expect(await credentialAccounts()).toHaveLength(2);

    expect(await core.environments.remove(environment.id)).toEqual({ removedSecrets: 2 });
    expect(await credentialAccounts()).toEqual([]);
    expect(await secretStore.list()).toEqual(
      expect.arrayContaining([AUDIT_KEY_ACCOUNT, AUDIT_ANCHOR_ACCOUNT]),
    );
    expect(await core.environments.list()).toEqual([]);
    expect(created.clientSecret).not.toBe('');
  });

  it('refuses a rejected secret, and saves an unreachable API only as "not verified" when asked', async () => {
    const api = await sandbox();
    const { core, secretStore } = await coreForTest();
    const rejected = await failureOf(
      core.environments.add({
        ...fields(api.url),
        clientId: api.bootstrap.clientId,
        clientSecret: 'wrong',
        saveUnverified: true,
      }),
    );
    expect(rejected).toMatchObject({ kind: 'problem', problem: { status: 401 } });
    expect(await core.environments.list()).toEqual([]);

    const down = 'http://127.0.0.1:9';
    const input = {
      ...fields(down, 'Down'),
      clientId: 'id',
      clientSecret: 's',
      saveUnverified: false,
    };
    expect((await failureOf(core.environments.add(input))).kind).toBe('network');
    const saved = await core.environments.add({ ...input, saveUnverified: true });
    expect(saved).toMatchObject({ verified: false, environment: { verification: 'not-verified' } });
    expect(await storedSecret(secretStore, secretAccount(saved.environment.id, 'id'))).toBe('s');
  });

  it('creates a credential whose secret is in the keychain before the call returns, and revokes it', async () => {
    const api = await sandbox();
    const { core, secretStore, dataDir } = await coreForTest();
    const { environment } = await core.environments.add({
      ...fields(api.url),
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    const captured = await core.credentials.create(environment.id, {
      name: 'CI',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const account = secretAccount(environment.id, captured.credential.clientId);
    expect(await storedSecret(secretStore, account)).toBe(captured.clientSecret);
    expect(captured).toMatchObject({
      replayed: false,
      credential: { secretStored: true, inUse: false },
    });

    const switched = await core.environments.setActiveCredential(
      environment.id,
      captured.credential.clientId,
    );
    expect(switched.activeClientId).toBe(captured.credential.clientId);
    expect((await core.tokens.current(environment.id)).accessToken).not.toBe('');

    const outcome = await core.credentials.revoke(environment.id, api.bootstrap.clientId);
    expect(outcome.tokensValidUntil).toBeGreaterThan(Date.now() + 59 * 60_000);
    const again = await failureOf(core.credentials.revoke(environment.id, api.bootstrap.clientId));
    expect(again).toMatchObject({ kind: 'problem', problem: { status: 409 } });
    const listed = await core.credentials.list(environment.id);
    expect(listed.find((c) => c.clientId === api.bootstrap.clientId)?.status).toBe('revoked');

    const audit = await core.auditLog.list({});
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'environment.add',
        'credential.create',
        'credential.activate',
        'credential.revoke',
      ]),
    );
    expect(await core.auditLog.verify()).toMatchObject({ state: 'intact', hashOnly: [] });
    for (const file of await filesUnder(dataDir)) {
      expect(file.text, file.path).not.toContain(captured.clientSecret);
      expect(file.text, file.path).not.toContain(api.bootstrap.clientSecret!);
    }
  });

  it('copies a secret through main and clears it after 30 s only if the clipboard still holds it', async () => {
    const api = await sandbox();
    const { core, clipboard } = await coreForTest();
    const { environment } = await core.environments.add({
      ...fields(api.url),
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    const secret = await core.credentials.secretOf(environment.id, api.bootstrap.clientId);
    const outcome = await core.clipboard.copySecret(secret);
    expect(outcome.clearsAt).toBeGreaterThan(Date.now() + 29_000);
    expect(clipboard.readText()).toBe(api.bootstrap.clientSecret);
    await core.clipboard.dispose();
    expect(clipboard.readText()).toBe('');
    await core.clipboard.copySecret(secret);
    clipboard.writeText('something the user copied since');
    await core.clipboard.dispose();
    expect(clipboard.readText()).toBe('something the user copied since');
  });
});
