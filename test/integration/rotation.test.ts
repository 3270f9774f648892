import { describe, expect, it } from 'vitest';
import type { EnvironmentFields } from '../../src/shared/domain';
import { AppFailure } from '../../src/shared/errors';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { filesUnder } from '../support/files-under';
import { requestToken, sandbox } from '../fixtures/sandbox-client';
import { storedSecret } from '../support/stored-secret';

const fields = (baseUrl: string): EnvironmentFields => ({ ...STAGING_FIELDS, baseUrl });

describe('rotation against the real sandbox and keychain', () => {
  it('a create response lost mid-rotation, then an app restart, still makes exactly one new credential', async () => {
    const api = await sandbox({ faults: true, rateLimit: false });
    const { core, secretStore, dataDir, restart } = await coreForTest();
    const { environment } = await core.environments.add({
      ...fields(api.url),
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    const env = environment.id;
    const started = await core.rotation.start(env, {
      oldClientId: api.bootstrap.clientId,
      name: 'Bootstrap (rotated)',
      expiresAt: null,
    });
    // Every try of the create commits on the server and loses its answer.
    api.faults.inject('POST /auth/credentials', { kind: 'drop-after-commit' }, 4);
    const lost = await core.rotation.create(env, started.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(lost).toBeInstanceOf(AppFailure);
    expect((lost as AppFailure).appError.kind).toBe('network');
    expect(api.stats.credentialCreates).toBe(1);
    await core.dispose();

    // The app restarts: the rotation resumes at "creating" with its saved Idempotency-Key.
    const again = await restart();
    const resumed = again.rotation.get(env);
    expect(resumed).toMatchObject({ step: 'creating', id: started.id });
    expect(resumed?.createAttempts).toBe(1);
    expect((await again.environments.list())[0]?.pendingRotation).toBe(true);
    const { rotation, captured } = await again.rotation.create(env, started.id);
    expect(captured.replayed).toBe(true);
    expect(api.stats.credentialCreates).toBe(1);
    const newId = rotation.newClientId!;
    expect(await storedSecret(secretStore, secretAccount(env, newId))).toBe(captured.clientSecret);
    const names = (await again.credentials.list(env)).map((c) => c.name);
    expect(names.filter((name) => name === 'Bootstrap (rotated)')).toHaveLength(1);

    const verified = await again.rotation.verify(env, started.id);
    expect(verified.verification?.claims).toMatchObject({ client_id: newId });
    await again.rotation.switchOver(env, started.id);
    expect((await again.environments.view(env)).activeClientId).toBe(newId);
    await again.rotation.handOver(env, started.id);
    const watching = await again.rotation.pollUsage(env, started.id);
    expect(watching.watch).toMatchObject({ oldStatus: 'active', usedAfterSwitch: false });
    const revoked = await again.rotation.revokeOld(env, started.id, false);
    expect(revoked.tokensValidUntil).toBeGreaterThan(Date.now() + 59 * 60_000);
    const done = await again.rotation.finish(env, started.id);
    expect(done.step).toBe('done');
    const statuses = await again.credentials.list(env);
    expect(statuses.find((c) => c.clientId === api.bootstrap.clientId)?.status).toBe('revoked');
    expect(statuses.find((c) => c.clientId === newId)).toMatchObject({
      status: 'active',
      inUse: true,
    });
    expect((await again.environments.list())[0]?.pendingRotation).toBe(false);
    const log = await again.auditLog.list({ environmentId: env });
    expect(log.filter((entry) => entry.action === 'rotation.done')).toHaveLength(1);
    for (const file of await filesUnder(dataDir)) {
      expect(file.text, file.path).not.toContain(captured.clientSecret);
      expect(file.text, file.path).not.toContain(api.bootstrap.clientSecret!);
    }
  });

  it('an app still on the old key after the switch is reported and blocks the revoke until acknowledged', async () => {
    const api = await sandbox({ rateLimit: false });
    const { core } = await coreForTest();
    const { environment } = await core.environments.add({
      ...fields(api.url),
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    const env = environment.id;
    const { id } = await core.rotation.start(env, {
      oldClientId: api.bootstrap.clientId,
      name: 'Rotated',
      expiresAt: null,
    });
    await core.rotation.create(env, id);
    await core.rotation.verify(env, id);
    await core.rotation.switchOver(env, id);
    await core.rotation.handOver(env, id);
    expect((await core.rotation.pollUsage(env, id)).watch?.usedAfterSwitch).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const stale = await requestToken(api.url, api.bootstrap.clientId, api.bootstrap.clientSecret!);
    expect(stale.status).toBe(200);
    expect((await core.rotation.pollUsage(env, id)).watch?.usedAfterSwitch).toBe(true);
    const refused = await core.rotation.revokeOld(env, id, false).catch((e: unknown) => e);
    expect((refused as AppFailure).appError.kind).toBe('conflict');
    const list = await core.credentials.list(env);
    expect(list.find((c) => c.clientId === api.bootstrap.clientId)?.status).toBe('active');
    const revoked = await core.rotation.revokeOld(env, id, true);
    expect(revoked.revokedDespiteUse).toBe(true);
  });
});
