import { describe, expect, it, onTestFinished } from 'vitest';
import { decodeJwt } from 'jose';
import { AppFailure } from '../../src/shared/errors';
import { registrationTokenAccount } from '../../src/main/core/secrets/registration-tokens';
import { dcrWorld } from '../fixtures/dcr-world';
import { startLossyProxy } from '../fixtures/lossy-proxy';

describe('the rotation wizard on a DCR environment (real oidc-provider)', () => {
  it('registers the new client, verifies it, switches, hands over, then deletes the old one', async () => {
    const { core, server, environment, secretStore } = await dcrWorld();
    const env = environment.id;
    const old = await core.credentials.create(env, { name: 'Orders app', expiresAt: null });
    const oldId = old.credential.clientId;
    await core.environments.setActiveCredential(env, oldId);

    const started = await core.rotation.start(env, {
      oldClientId: oldId,
      name: 'Orders app (rotated)',
      expiresAt: null,
    });
    const { rotation: created, captured } = await core.rotation.create(env, started.id);
    const newId = created.newClientId!;
    expect(captured.clientSecret).toEqual(expect.any(String));
    expect(captured.credential.registration?.state).toBe('registered');
    expect(await server.provider.Client.find(newId)).toBeDefined();

    const verified = await core.rotation.verify(env, started.id);
    expect(verified.verification?.claims).toMatchObject({ client_id: newId });
    const lifetime = verified.verification!.tokenExpiresAt - verified.verification!.at;
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    await core.rotation.switchOver(env, started.id);
    expect((await core.environments.view(env)).activeClientId).toBe(newId);
    expect(decodeJwt((await core.tokens.current(env)).accessToken).client_id).toBe(newId);
    await core.rotation.handOver(env, started.id);

    // DCR reports no last use: the watch reads the old client at the server, and says so.
    const watching = await core.rotation.pollUsage(env, started.id);
    expect(watching.watch).toMatchObject({
      oldStatus: 'active',
      oldLastUsedAt: null,
      usedAfterSwitch: false,
    });
    expect(core.credentials.reportsLastUse(env)).toBe(false);

    const revoked = await core.rotation.revokeOld(env, started.id, false);
    expect(revoked.step).toBe('revoked');
    expect(await server.provider.Client.find(oldId)).toBeUndefined();
    expect(await secretStore.get(registrationTokenAccount(env, oldId))).toBeNull();
    const done = await core.rotation.finish(env, started.id);
    expect(done.step).toBe('done');

    const listed = await core.credentials.list(env);
    expect(listed.map((row) => [row.clientId, row.inUse])).toEqual([[newId, true]]);
  });

  it('rotates a private_key_jwt client: no secret anywhere, the new key signs the verification and the environment’s tokens', async () => {
    const { core, server, environment } = await dcrWorld();
    const env = environment.id;
    await core.environments.update(env, { clientAuth: 'private_key_jwt' });
    const old = await core.credentials.create(env, { name: 'Signer', expiresAt: null });
    expect(old.clientSecret).toBeNull();
    await core.environments.setActiveCredential(env, old.credential.clientId);
    expect(decodeJwt((await core.tokens.current(env)).accessToken).client_id).toBe(
      old.credential.clientId,
    );
    const started = await core.rotation.start(env, {
      oldClientId: old.credential.clientId,
      name: 'Signer (rotated)',
      expiresAt: null,
    });
    const { rotation, captured } = await core.rotation.create(env, started.id);
    expect(captured.clientSecret).toBeNull();
    const verified = await core.rotation.verify(env, started.id);
    expect(verified.verification?.claims).toMatchObject({ client_id: rotation.newClientId });
    await core.rotation.switchOver(env, started.id);
    expect(decodeJwt((await core.tokens.current(env)).accessToken).client_id).toBe(
      rotation.newClientId,
    );
    await core.rotation.handOver(env, started.id);
    await core.rotation.pollUsage(env, started.id);
    await core.rotation.revokeOld(env, started.id, false);
    expect(await server.provider.Client.find(old.credential.clientId)).toBeUndefined();
    expect((await core.rotation.finish(env, started.id)).step).toBe('done');
  });

  it('a lost registration mid-rotation is never sent again: retry refuses, cancel says where to look', async () => {
    const { core, server, environment } = await dcrWorld();
    const env = environment.id;
    const old = await core.credentials.create(env, { name: 'Billing', expiresAt: null });
    const proxy = await startLossyProxy(server.issuer);
    onTestFinished(() => proxy.close());
    await core.environments.update(env, { registrationUrl: `${proxy.url}/reg` });
    const started = await core.rotation.start(env, {
      oldClientId: old.credential.clientId,
      name: 'Billing (rotated)',
      expiresAt: null,
    });
    proxy.loseAnswers(1);
    const lost = await core.rotation.create(env, started.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect((lost as AppFailure).appError.message).toContain('may have registered it');
    const retry = await core.rotation.create(env, started.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect((retry as AppFailure).appError.kind).toBe('conflict');
    expect(proxy.forwarded).toEqual(['POST /reg']);

    const cancelled = await core.rotation.cancel(env, started.id, false);
    expect(cancelled.cancelled?.note).toContain(
      'Check its console for a client named “Billing (rotated)”',
    );
    expect(await core.credentials.pending(env)).toHaveLength(1);
  });
});
