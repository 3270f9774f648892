import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createKeytarSecretStore,
  type SecretStore,
} from '../../src/main/core/secrets/secret-store';
import { AppFailure } from '../../src/shared/errors';
import { dcrWorld } from '../fixtures/dcr-world';
import { filesUnder } from '../support/files-under';
import { startLossyProxy } from '../fixtures/lossy-proxy';

/** The clients the server holds whose client_name is `name` (read from its own store). */
async function clientsNamed(
  provider: Awaited<ReturnType<typeof dcrWorld>>['server']['provider'],
  ids: readonly string[],
  name: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) {
    const client = await provider.Client.find(id);
    if (client?.clientName === name) found.push(id);
  }
  return found;
}

describe('a registration whose answer is lost (real oidc-provider behind a loopback proxy that drops the answer)', () => {
  it('is listed as possibly registered, never sent again, and goes only when the person dismisses it', async () => {
    const world = await dcrWorld();
    const { core, server, environment } = world;
    const env = environment.id;
    const proxy = await startLossyProxy(server.issuer);
    onTestFinished(() => proxy.close());
    const registered: string[] = [];
    server.provider.on(
      'registration_create.success',
      (_ctx: unknown, client: { clientId: string }) => registered.push(client.clientId),
    );
    await core.environments.update(env, { registrationUrl: `${proxy.url}/reg` });

    proxy.loseAnswers(1);
    const lost = await core.credentials.create(env, { name: 'Lost worker', expiresAt: null }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(lost).toBeInstanceOf(AppFailure);
    const message = (lost as AppFailure).appError.message;
    expect(message).toContain('may have registered it');
    expect(message).toContain('“Lost worker”');
    // The server did register it: that is the orphan the person must be able to see.
    expect(proxy.forwarded).toEqual(['POST /reg']);
    expect(await clientsNamed(server.provider, registered, 'Lost worker')).toHaveLength(1);

    const pending = await core.credentials.pending(env);
    expect(pending).toEqual([
      expect.objectContaining({ name: 'Lost worker', clientId: null, reason: expect.any(String) }),
    ]);
    // Still there after a restart: the registry is on disk.
    const again = await world.restart();
    expect(await again.credentials.pending(env)).toHaveLength(1);

    // Creating the same name again is refused, without a request: no second client.
    const twice = await again.credentials
      .create(env, { name: 'Lost worker', expiresAt: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((twice as AppFailure).appError).toMatchObject({ kind: 'conflict' });
    expect((twice as AppFailure).appError.message).toContain('Dismiss it once you have checked');
    expect(proxy.forwarded).toHaveLength(1);
    expect(registered).toHaveLength(1);

    const audit = await again.auditLog.list({ environmentId: env });
    expect(audit.some((entry) => entry.outcome?.startsWith('outcome unknown'))).toBe(true);

    // The person checked the server's console and dismisses it; a new create then goes out.
    await again.credentials.dismissPending(env, pending[0]!.id);
    expect(await again.credentials.pending(env)).toEqual([]);
    await again.environments.update(env, { registrationUrl: server.registrationEndpoint });
    const made = await again.credentials.create(env, { name: 'Lost worker', expiresAt: null });
    expect(made.credential.registration?.state).toBe('registered');
    expect(registered).toHaveLength(2);
  });

  it('a registration answered with an unreadable body is kept as possibly registered (the server did register it)', async () => {
    const { core, server, environment, dataDir } = await dcrWorld();
    const proxy = await startLossyProxy(server.issuer);
    onTestFinished(() => proxy.close());
    await core.environments.update(environment.id, { registrationUrl: `${proxy.url}/reg` });
    const registered: { clientId: string; clientSecret?: string }[] = [];
    server.provider.on(
      'registration_create.success',
      (_ctx: unknown, client: { clientId: string; clientSecret?: string }) =>
        registered.push(client),
    );
    proxy.garbleAnswers(1);
    const garbled = await core.credentials
      .create(environment.id, { name: 'Half an answer', expiresAt: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((garbled as AppFailure).appError.message).toContain('its answer could not be used');
    const pending = await core.credentials.pending(environment.id);
    expect(pending).toEqual([expect.objectContaining({ name: 'Half an answer' })]);
    // The half body held the client's secret: it is in no message, file or pending reason.
    const secret = registered[0]?.clientSecret;
    expect(secret).toEqual(expect.any(String));
    expect(JSON.stringify([garbled, pending])).not.toContain(secret!.slice(0, 16));
    for (const file of await filesUnder(dataDir)) {
      expect(file.text, file.path).not.toContain(secret!.slice(0, 16));
    }
  });

  it('a client whose secrets the keychain refuses is deleted again at once: nothing is left at the server or pending', async () => {
    const keychain = createKeytarSecretStore(`Keysmith-test-${randomUUID()}`);
    onTestFinished(async () => {
      for (const account of await keychain.list()) await keychain.delete(account);
    });
    let refuse = false;
    const refusing: SecretStore = {
      ...keychain,
      set: (account, secret) =>
        refuse && account.includes('/dcr/registration/')
          ? Promise.reject(
              new AppFailure({
                kind: 'keychain',
                reason: 'locked',
                message: 'The keychain is locked.',
              }),
            )
          : keychain.set(account, secret),
    };
    const { core, server, environment } = await dcrWorld({ core: { secretStore: refusing } });
    const registered: string[] = [];
    server.provider.on(
      'registration_create.success',
      (_ctx: unknown, client: { clientId: string }) => registered.push(client.clientId),
    );
    refuse = true;
    const failed = await core.credentials
      .create(environment.id, { name: 'Unkept', expiresAt: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((failed as AppFailure).appError.message).toContain('Keysmith deleted it again at once');
    expect(registered).toHaveLength(1);
    expect(await server.provider.Client.find(registered[0]!)).toBeUndefined();
    expect(await core.credentials.pending(environment.id)).toEqual([]);
    expect(await core.credentials.list(environment.id)).toEqual([]);
  });

  it('a refused registration leaves nothing pending (the server said no, so nothing exists)', async () => {
    const { core, environment } = await dcrWorld({ server: { requireInitialAccessToken: true } });
    const refused = await core.credentials
      .create(environment.id, { name: 'No token', expiresAt: null })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(AppFailure);
    const appError = (refused as AppFailure).appError;
    expect(appError.kind).toBe('problem');
    if (appError.kind === 'problem') {
      expect(appError.problem.status).toBe(401);
      expect(appError.problem.param).toBe('initialAccessToken');
    }
    expect(await core.credentials.pending(environment.id)).toEqual([]);
  });
});
