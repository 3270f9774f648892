import { randomBytes } from 'node:crypto';
import { importJWK, jwtVerify, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { clientKeyAccount } from '../../src/main/core/tokens/client-keys';
import type { EnvironmentKind } from '../../src/shared/environment';
import { compromisedPage, type CompromisedPage } from '../fixtures/compromised-page';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { OIDC_TEST_RESOURCE, startOidcServer, type OidcServer } from '../fixtures/oidc-server';

// The compromised page against the token side: private_key_jwt keys and initial access tokens
// stay in main (no channel returns, copies or sends them), main signs assertions only for the
// environment's own token endpoint with its own key, and discovery fetches nothing but https or
// loopback. Every call goes through the real router, as page script would make it.

let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer();
});
afterAll(() => server.close());

const CLIENT_ID = 'signed-client';

/** A private_key_jwt environment on the real server, its key registered, with an initial access token. */
async function signedEnvironment(page: CompromisedPage, kind: EnvironmentKind) {
  const initialAccessToken = randomBytes(24).toString('base64url');
  page.person.answer(true); // The person set this environment up; the attack starts after.
  const { environment } = await page.core.environments.add({
    ...STAGING_FIELDS,
    name: `Signed ${kind}`,
    kind,
    colour: kind === 'production' ? '#d1242f' : '#1f6feb',
    baseUrl: server.issuer,
    tokenUrl: server.tokenEndpoint,
    clientAuth: 'private_key_jwt',
    resources: [OIDC_TEST_RESOURCE],
    credentialBackend: 'dcr',
    registrationUrl: server.registrationEndpoint,
    clientId: `${CLIENT_ID}-${kind}`,
    clientKeyAlg: 'ES256',
    initialAccessToken,
    saveUnverified: false,
  });
  page.person.answer(false);
  const clientId = `${CLIENT_ID}-${kind}`;
  const stored = openSecret(
    (await page.secretStore.get(clientKeyAccount(environment.id, clientId)))!,
  );
  const privateJwk = (JSON.parse(stored!.secret) as { privateJwk: Record<string, string> })
    .privateJwk;
  const { key } = await page.core.tokenSide.publicKey(environment.id, clientId);
  const publicJwk = { ...key!.jwk };
  await server.addClient({
    client_id: clientId,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [publicJwk] },
  });
  return { environment, clientId, privateD: privateJwk.d!, publicJwk, initialAccessToken };
}

describe('the compromised page against the token side', () => {
  it('no channel returns, copies or sends a private key or an initial access token, whatever the person confirms', async () => {
    const page = await compromisedPage();
    const signed = await signedEnvironment(page, 'production');
    const id = signed.environment.id;
    page.person.answer(true);
    const results: unknown[] = [];
    const call = async (channel: string, input?: unknown) => {
      results.push(await page.invoke(channel, input));
      results.push(page.clipboard.readText());
    };
    await call('environments:list');
    await call('client-keys:get', { environmentId: id, clientId: signed.clientId });
    await call('token:renew', { environmentId: id });
    await call('token:state', { environmentId: id });
    await call('clipboard:copy-token', { environmentId: id, format: 'curl' });
    // The namespaces of the keychain, named as if they were client_ids.
    for (const clientId of [
      signed.clientId,
      `key/${signed.clientId}`,
      'dcr/initial-access-token',
      `header/x-api-key`,
    ]) {
      await call('credentials:copy-secret', { environmentId: id, clientId });
      await call('environments:set-active-credential', { id, clientId });
      await call('environments:store-secret', { id, clientId, clientSecret: 'attacker-value' });
    }
    const everything = JSON.stringify(results);
    expect(results[4], 'the token request worked meanwhile').toMatchObject({ ok: true });
    expect(everything).not.toContain(signed.privateD);
    expect(everything).not.toContain(signed.initialAccessToken);
    expect(everything).not.toContain('PRIVATE KEY');
    // Nothing was moved off its client either: the key and the token are where they were.
    expect(
      await page.core.clientKeys.publicKey(
        { ...signed.environment, createdAt: '', updatedAt: '' },
        signed.clientId,
      ),
    ).not.toBeNull();
    expect(await page.core.environments.view(id)).toMatchObject({
      activeClientId: signed.clientId,
      secretState: 'bound',
      initialAccessTokenState: 'bound',
    });
    expect(page.collector.requests).toEqual([]);
  });

  it('main signs for no other origin: a repointed environment sends nothing, and a new one signs with its own key', async () => {
    const page = await compromisedPage();
    const signed = await signedEnvironment(page, 'staging');
    const id = signed.environment.id;
    // Staging asks nobody before a repoint; the key's binding still refuses the new endpoint.
    const moved = await page.invoke('environments:update', {
      id,
      patch: { tokenUrl: `${page.collector.url}/token` },
    });
    expect(moved).toMatchObject({ ok: true, value: { secretState: 'needs-proof' } });
    const refused = await page.invoke('token:renew', { environmentId: id });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(page.collector.requests).toEqual([]);

    // A new environment at the attacker for the same client gets a key of its own.
    const added = await page.invoke('environments:add', {
      ...STAGING_FIELDS,
      name: 'Attacker',
      baseUrl: page.collector.url,
      clientAuth: 'private_key_jwt',
      clientId: signed.clientId,
    });
    expect(added).toMatchObject({ ok: true });
    const addedId = (added as { value: { environment: { id: string } } }).value.environment.id;
    await page.invoke('token:renew', { environmentId: addedId });
    const body = new URLSearchParams(page.collector.requests.at(-1)?.body ?? '');
    const assertion = body.get('client_assertion') ?? '';
    expect(assertion.split('.')).toHaveLength(3);
    const victimKey = await importJWK(signed.publicJwk, 'ES256');
    await expect(jwtVerify(assertion, victimKey)).rejects.toThrow();
    expect(decodeProtectedHeader(assertion).kid).not.toBe(
      (await page.core.tokenSide.publicKey(id, signed.clientId)).key?.kid,
    );
  });

  it('a production repoint asks the person first; declined, nothing is signed or sent', async () => {
    const page = await compromisedPage();
    const signed = await signedEnvironment(page, 'production');
    const before = await page.snapshot();
    const moved = await page.invoke('environments:update', {
      id: signed.environment.id,
      patch: { tokenUrl: `${page.collector.url}/token` },
    });
    expect(moved).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    await page.expectUnchanged(before);
  });

  it('a production key is neither replaced nor deleted without the person', async () => {
    const page = await compromisedPage();
    const signed = await signedEnvironment(page, 'production');
    const target = { environmentId: signed.environment.id, clientId: signed.clientId };
    const before = await page.snapshot();
    for (const [channel, input] of [
      ['client-keys:generate', { ...target, alg: 'RS256' }],
      ['client-keys:remove', target],
    ] as const) {
      expect(await page.invoke(channel, input)).toMatchObject({
        ok: false,
        error: { kind: 'cancelled' },
      });
    }
    await page.expectUnchanged(before);
    // The first question was the person's own, when they set the environment up.
    expect(page.person.requests.slice(1).map((request) => request.action)).toEqual([
      'client-key.generate',
      'client-key.remove',
    ]);
    expect(
      await page.invoke('token:renew', { environmentId: signed.environment.id }),
    ).toMatchObject({ ok: true });
  });

  it('discovery fetches nothing but https, or http to a loopback literal', async () => {
    const page = await compromisedPage();
    const port = new URL(page.collector.url).port;
    const before = await page.snapshot();
    for (const issuer of [
      'http://example.com',
      `http://collector.localhost:${port}`,
      `http://127.0.0.1.nip.io:${port}`,
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://user:pw@127.0.0.1:${port}`,
      `${page.collector.url}/?stolen=1`,
      'file:///etc/passwd',
    ]) {
      const result = await page.invoke('environments:discover', { issuer, kind: 'staging' });
      expect(result, issuer).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    await page.expectUnchanged(before);
  });
});
