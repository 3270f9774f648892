import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src/shared/errors';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { scriptedServer, sendJson } from '../fixtures/scripted-server';

const ACTIVE = 'client-active';
const ACTIVE_SECRET = 'secret-of-the-active-client';

/**
 * An API whose create answers the first request of a key with a new credential and its secret,
 * and every later one with `Idempotent-Replayed: true`, no secret, and the client_id that
 * `replayAs` picks (the one first made, or another).
 */
async function replayingApi(replayAs: (first: string) => string) {
  const made = new Map<string, string>();
  return scriptedServer((request, response) => {
    if (request.url === '/auth/token') {
      sendJson(response, 200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 });
      return;
    }
    const key = request.headers['idempotency-key'];
    if (
      request.method !== 'POST' ||
      request.url !== '/auth/credentials' ||
      typeof key !== 'string'
    ) {
      sendJson(response, 404, { title: 'Not Found', status: 404 });
      return;
    }
    const at = '2026-03-01T12:00:00Z';
    const first = made.get(key);
    const clientId = first === undefined ? `client-${made.size + 1}` : replayAs(first);
    made.set(key, first ?? clientId);
    const body = {
      id: clientId,
      client_id: clientId,
      name: 'CI',
      status: 'active',
      created_at: at,
      updated_at: at,
    };
    if (first === undefined)
      sendJson(response, 201, { ...body, client_secret: `secret-of-${clientId}` });
    else sendJson(response, 201, body, 'application/json', { 'Idempotent-Replayed': 'true' });
  });
}

async function environmentOn(url: string) {
  const world = await coreForTest();
  const { environment } = await world.core.environments.add({
    ...STAGING_FIELDS,
    baseUrl: url,
    clientId: ACTIVE,
    clientSecret: ACTIVE_SECRET,
    saveUnverified: false,
  });
  return { ...world, id: environment.id };
}

describe('an idempotent replay reads a secret back only when the ledger recorded that key → client_id', () => {
  it('a replay of the create this key made gives back its secret (the rotation wizard’s own key)', async () => {
    const api = await replayingApi((first) => first);
    const { core, id } = await environmentOn(api.url);
    const input = { name: 'CI', expiresAt: null };
    const first = await core.credentials.create(id, input, { idempotencyKey: 'rotation-key' });
    expect(first).toMatchObject({ replayed: false, clientSecret: 'secret-of-client-1' });

    const again = await core.credentials.create(id, input, { idempotencyKey: 'rotation-key' });
    expect(again).toMatchObject({
      replayed: true,
      clientSecret: 'secret-of-client-1',
      credential: { clientId: 'client-1' },
    });
  });

  it('a replay naming another client_id is a conflict and hands out no secret', async () => {
    const api = await replayingApi(() => ACTIVE);
    const { core, id } = await environmentOn(api.url);
    const input = { name: 'CI', expiresAt: null };
    await core.credentials.create(id, input, { idempotencyKey: 'rotation-key' });

    const replayed = await core.credentials
      .create(id, input, { idempotencyKey: 'rotation-key' })
      .then(
        (value) => value,
        (error: unknown) => error,
      );
    expect(replayed).toBeInstanceOf(AppFailure);
    const error = (replayed as AppFailure).appError;
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(`replay of ${ACTIVE}`);
    expect(error.message).toContain('client-1');
    expect(JSON.stringify(error)).not.toContain(ACTIVE_SECRET);
  });

  it('a replay of a key this app never recorded an answer for is a conflict too', async () => {
    const api = await replayingApi(() => ACTIVE);
    const { core, id } = await environmentOn(api.url);
    // The key reached the API (made client-1) but this app never saw the answer.
    await fetch(`${api.url}/auth/credentials`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'lost-key' },
    });
    const replayed = await core.credentials
      .create(id, { name: 'CI', expiresAt: null }, { idempotencyKey: 'lost-key' })
      .then(
        (value) => value,
        (error: unknown) => error,
      );
    expect((replayed as AppFailure).appError).toMatchObject({ kind: 'conflict' });
    expect(JSON.stringify(replayed)).not.toContain(ACTIVE_SECRET);
    const audit = (await core.auditLog.list()).find(
      (entry) => entry.action === 'credential.create',
    );
    expect(audit?.outcome).toMatch(/^refused: .*recorded: none/);
  });
});
