import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createDcrRegistry,
  type RegisteredClient,
} from '../../src/main/core/credentials/dcr-registry';
import {
  clientCredential,
  mapLimited,
  metadataChanges,
} from '../../src/main/core/credentials/dcr-view';
import { AppFailure } from '../../src/shared/errors';

async function registryFile(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'keysmith-dcr-'));
  onTestFinished(() => rm(folder, { recursive: true, force: true }));
  return join(folder, 'registrations.json');
}

const CLIENT: RegisteredClient = {
  environmentId: 'env-1',
  clientId: 'client-a',
  name: 'Orders',
  clientUri: 'https://auth.example.com/reg/client-a',
  authMethod: 'client_secret_basic',
  key: 'key-a',
  registeredAt: Date.UTC(2026, 0, 1),
};

describe('the DCR registry (registrations.json)', () => {
  it('keeps a pending registration until the client is registered with its key, per environment', async () => {
    const file = await registryFile();
    const registry = createDcrRegistry(file);
    await registry.beginPending({
      id: 'key-a',
      environmentId: 'env-1',
      name: 'Orders',
      startedAt: 1,
      clientId: null,
      reason: 'sent',
    });
    expect(await registry.pending('env-1')).toHaveLength(1);
    expect(await registry.pending('env-2')).toEqual([]);
    await registry.updatePending('key-a', { clientId: null, reason: 'answer lost' });
    expect((await registry.pending('env-1'))[0]?.reason).toBe('answer lost');
    await registry.register(CLIENT);
    expect(await registry.pending('env-1')).toEqual([]);
    expect(await registry.byKey('env-1', 'key-a')).toEqual(CLIENT);
    expect(await registry.client('env-2', 'client-a')).toBeNull();
    // Read back by a fresh registry (an app restart): the file holds it, and no secret member.
    const again = createDcrRegistry(file);
    expect(await again.clients('env-1')).toEqual([CLIENT]);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { clients: object[] };
    expect(Object.keys(stored.clients[0]!).sort()).toEqual([
      'authMethod',
      'clientId',
      'clientUri',
      'environmentId',
      'key',
      'name',
      'registeredAt',
    ]);
    await again.remove('env-1', 'client-a');
    expect(await again.clients('env-1')).toEqual([]);
    expect(await again.dropPending('env-1', 'key-a')).toBe(false);
  });

  it('refuses a corrupt file rather than forgetting the clients in it', async () => {
    const file = await registryFile();
    await writeFile(file, '{"version":1,"clients":[{"clientId":5}],"pending":[]}');
    const failure = await createDcrRegistry(file)
      .clients('env-1')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).appError.message).toContain('left it untouched');
    expect(await readFile(file, 'utf8')).toContain('"clientId":5');
  });
});

describe('a registered client as the list shows it', () => {
  it('says what the server changed, and reads client_secret_expires_at (0 = never)', () => {
    expect(
      metadataChanges(CLIENT, {
        client_id: 'client-a',
        client_name: 'Orders v2',
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
      }),
    ).toHaveLength(3);
    expect(metadataChanges(CLIENT, { client_id: 'client-a', client_name: 'Orders' })).toEqual([]);
    const never = clientCredential(
      CLIENT,
      { state: 'registered', client: { client_id: 'client-a', client_secret_expires_at: 0 } },
      0,
    );
    expect(never.expiresAt).toBeNull();
    const dated = clientCredential(
      CLIENT,
      {
        state: 'registered',
        client: { client_id: 'client-a', client_secret_expires_at: 1_900_000_000 },
      },
      0,
    );
    expect(dated.expiresAt).toBe(new Date(1_900_000_000_000).toISOString());
    const gone = clientCredential(CLIENT, { state: 'gone', status: 401 }, 0);
    expect(gone).toMatchObject({ status: 'revoked', registration: { state: 'gone' } });
    const unreadable = clientCredential(CLIENT, { state: 'unreadable', detail: 'timeout' }, 0);
    expect(unreadable).toMatchObject({ status: 'active', registration: { detail: 'timeout' } });
  });

  it('reads at most a few clients at once, in order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return n * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(most).toBe(4);
  });
});
