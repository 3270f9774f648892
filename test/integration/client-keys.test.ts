import { createHash, createPublicKey, randomUUID, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createClientKeys, clientKeyAccount } from '../../src/main/core/tokens/client-keys';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { createKeytarSecretStore } from '../../src/main/core/secrets/secret-store';
import type { Environment } from '../../src/shared/domain';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { createScriptedConfirm } from '../support/scripted-confirm';

// The private_key_jwt keys: made in main, the private half only in the keychain (as a bound
// envelope), the public half and a self-signed certificate for registration, and assertions
// signed only for the environment's own token endpoint.

const NOW = Date.parse('2026-12-01T12:00:00Z');

const environment = (over: Partial<Environment> = {}): Environment => ({
  ...STAGING_FIELDS,
  id: 'env-keys',
  clientAuth: 'private_key_jwt',
  tokenUrl: 'https://auth.example.com/oauth2/token',
  activeClientId: 'svc-payments',
  verification: 'not-verified',
  autoRenew: true,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  ...over,
});

function keysForTest(answer = true) {
  const secretStore = createKeytarSecretStore(`Keysmith-test-${randomUUID()}`);
  const confirm = createScriptedConfirm(answer);
  onTestFinished(async () => {
    for (const account of await secretStore.list()) await secretStore.delete(account);
  });
  const keys = createClientKeys({ secretStore, confirm, now: () => NOW });
  return { keys, secretStore, confirm };
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

describe('client keys for private_key_jwt', () => {
  it.each(['ES256', 'RS256'] as const)(
    'generates an %s key whose public JWK and certificate describe the same key, the private half only in the keychain',
    async (alg) => {
      const { keys, secretStore } = keysForTest();
      const env = environment();
      const key = await keys.generate(env, 'svc-payments', alg);

      expect(key.alg).toBe(alg);
      expect(key.jwk).toMatchObject({ kid: key.kid, alg, use: 'sig' });
      for (const member of PRIVATE_MEMBERS) expect(key.jwk).not.toHaveProperty(member);

      const certificate = new X509Certificate(key.certificatePem);
      expect(certificate.subject).toBe('CN=svc-payments');
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      const spki = (k: ReturnType<typeof createPublicKey>) =>
        k.export({ type: 'spki', format: 'der' }).toString('base64');
      expect(spki(certificate.publicKey)).toBe(
        spki(createPublicKey({ key: { ...key.jwk }, format: 'jwk' })),
      );
      expect(key.x5tS256).toBe(createHash('sha256').update(certificate.raw).digest('base64url'));
      expect(Date.parse(certificate.validTo)).toBeGreaterThan(NOW + 365 * 86_400_000);

      const stored = openSecret((await secretStore.get(clientKeyAccount(env.id, 'svc-payments')))!);
      expect(stored).toMatchObject({ tokenOrigin: 'https://auth.example.com', kind: 'staging' });
      expect(JSON.parse(stored!.secret).privateJwk).toHaveProperty('d');
      expect(await keys.publicKey(env, 'svc-payments')).toEqual(key);
      expect(await keys.state(env, 'svc-payments')).toBe('bound');
    },
  );

  it('signs a fresh assertion per request: iss = sub = client_id, aud = the token endpoint, unique jti, 60 s', async () => {
    const { keys } = keysForTest();
    const env = environment();
    const key = await keys.generate(env, 'svc-payments', 'ES256');
    const first = await keys.assertion(env, 'svc-payments', env.tokenUrl!);
    const second = await keys.assertion(env, 'svc-payments', env.tokenUrl!);

    const verifyKey = await importJWK(key.jwk as JWK, 'ES256');
    const { payload } = await jwtVerify(first, verifyKey, {
      issuer: 'svc-payments',
      subject: 'svc-payments',
      audience: env.tokenUrl!,
      currentDate: new Date(NOW),
    });
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(decodeProtectedHeader(first)).toEqual({
      alg: 'ES256',
      typ: 'JWT',
      kid: key.kid,
      'x5t#S256': key.x5tS256,
    });
    const jtiOf = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).jti;
    expect(jtiOf(first)).not.toBe(jtiOf(second));
  });

  it('signs for no other audience, and nothing once the environment points elsewhere', async () => {
    const { keys } = keysForTest();
    const env = environment();
    await keys.generate(env, 'svc-payments', 'RS256');
    const other = await failureOf(
      keys.assertion(env, 'svc-payments', 'https://evil.example/token'),
    );
    expect(other).toMatchObject({ kind: 'validation' });

    const moved = environment({ tokenUrl: 'https://evil.example/token' });
    expect(await keys.state(moved, 'svc-payments')).toBe('needs-proof');
    const refused = await failureOf(keys.assertion(moved, 'svc-payments', moved.tokenUrl!));
    expect(refused.kind).toBe('conflict');
    expect(refused.message).toContain('https://auth.example.com → https://evil.example');

    const missing = await failureOf(keys.assertion(env, 'nobody', env.tokenUrl!));
    expect(missing).toMatchObject({ kind: 'keychain', reason: 'not-found' });
  });

  it('adopts a key made under a provisional id, and removes it', async () => {
    const { keys, secretStore } = keysForTest();
    const env = environment();
    const key = await keys.generate(env, 'provisional-1', 'ES256');
    await keys.adopt(env, 'provisional-1', 'assigned-by-server');
    expect(await keys.publicKey(env, 'provisional-1')).toBeNull();
    expect((await keys.publicKey(env, 'assigned-by-server'))?.kid).toBe(key.kid);
    expect(await keys.remove(env, 'assigned-by-server')).toBe(true);
    expect(await secretStore.list()).toEqual([]);
  });

  it('asks before generating, replacing or removing a production key; a "no" changes nothing', async () => {
    const { keys, secretStore, confirm } = keysForTest(false);
    const prod = environment({ kind: 'production' });
    expect((await failureOf(keys.generate(prod, 'svc-payments', 'ES256'))).kind).toBe('cancelled');
    expect(await secretStore.list()).toEqual([]);

    confirm.answer(true);
    const key = await keys.generate(prod, 'svc-payments', 'ES256');
    confirm.answer(false);
    expect((await failureOf(keys.generate(prod, 'svc-payments', 'RS256'))).kind).toBe('cancelled');
    expect((await failureOf(keys.remove(prod, 'svc-payments'))).kind).toBe('cancelled');
    expect((await keys.publicKey(prod, 'svc-payments'))?.kid).toBe(key.kid);
    expect(confirm.requests.map((r) => [r.action, r.typeToConfirm])).toEqual([
      ['client-key.generate', null],
      ['client-key.generate', null],
      ['client-key.generate', 'yments'],
      ['client-key.remove', 'yments'],
    ]);
  });
});
