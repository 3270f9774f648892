import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src/shared/errors';
import { SECRET_PLACEHOLDER } from '../../src/shared/rotation-snippets';
import { ENV, OLD, rotationWorld } from '../fixtures/rotation-world';

async function notFound(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).appError.kind).toBe('not-found');
  return (error as AppFailure).message;
}

describe('copying a hand-over snippet of the new credential', () => {
  it('copies it with a placeholder (kept) or with the secret (cleared after 30 s)', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    const { id } = await service.start(ENV, {
      oldClientId: OLD,
      name: 'Billing worker (rotated)',
      expiresAt: null,
    });
    await service.create(ENV, id);

    const plain = await service.copySnippet(ENV, id, 'env', false);
    expect(plain.clearsAt).toBeNull();
    expect(world.clipboard.readText()).toBe(
      [
        '# Staging: Billing worker (rotated)',
        'OAUTH_TOKEN_URL=https://api.example.test/auth/token',
        'OAUTH_CLIENT_ID=client-new-1',
        `OAUTH_CLIENT_SECRET=${SECRET_PLACEHOLDER}`,
        '',
      ].join('\n'),
    );

    const secret = await service.copySnippet(ENV, id, 'json', true);
    expect(secret.clearsAt).toBe(world.clock.now() + 30_000);
    expect(JSON.parse(world.clipboard.readText())).toEqual({
      tokenUrl: 'https://api.example.test/auth/token',
      grantType: 'client_credentials',
      clientId: 'client-new-1',
      clientSecret: 'secret-of-client-new-1',
    });
  });

  it('refuses before the new credential exists, and for another rotation than the current one', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    expect(await notFound(service.copySnippet(ENV, 'nope', 'env', false))).toMatch(
      /no new credential to hand over/,
    );
    const { id } = await service.start(ENV, {
      oldClientId: OLD,
      name: 'Billing worker (rotated)',
      expiresAt: null,
    });
    await notFound(service.copySnippet(ENV, id, 'env', true));
    await service.create(ENV, id);
    await notFound(service.copySnippet(ENV, 'an-older-rotation', 'env', true));
    expect(world.clipboard.history).toEqual([]);
  });
});
