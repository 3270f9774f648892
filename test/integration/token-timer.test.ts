import { describe, expect, it } from 'vitest';
import type { AppEvents } from '../../src/shared/domain';
import { EXPIRING_WARNING_MS } from '../../src/main/core/tokens/token-service';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { manualClock, sandbox } from '../fixtures/sandbox-client';

/** A core on a manual clock with one environment proven at a sandbox, and its token events. */
async function timerWorld(autoRenew: boolean) {
  const api = await sandbox();
  const clock = manualClock();
  const { core } = await coreForTest({ now: clock.now });
  const { environment } = await core.environments.add({
    ...STAGING_FIELDS,
    baseUrl: api.url,
    clientId: api.bootstrap.clientId,
    clientSecret: api.bootstrap.clientSecret!,
    saveUnverified: false,
  });
  await core.tokens.setAutoRenew(environment.id, autoRenew);
  const renewed: AppEvents['token:renewed'][] = [];
  const expiring: AppEvents['token:expiring'][] = [];
  core.events.on('token:renewed', (payload) => renewed.push(payload));
  core.events.on('token:expiring', (payload) => expiring.push(payload));
  const token = await core.tokens.current(environment.id);
  return { api, clock, core, environment, token, renewed, expiring };
}

describe('the token timer (tick): renews due tokens, warns once about expiring ones', () => {
  it('renews an auto-renew token only once it is due, and announces the new expiry', async () => {
    const { api, clock, core, environment, token, renewed, expiring } = await timerWorld(true);
    const requests = api.stats.tokenRequests;
    await core.tokens.tick();
    expect(renewed).toEqual([]);
    expect(api.stats.tokenRequests).toBe(requests);

    clock.advance(token.expiresAt - clock.now());
    await core.tokens.tick();
    expect(api.stats.tokenRequests).toBe(requests + 1);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]!.environmentId).toBe(environment.id);
    expect(renewed[0]!.expiresAt).toBeGreaterThan(token.expiresAt);
    expect((await core.tokens.current(environment.id)).accessToken).not.toBe(token.accessToken);
    expect(expiring).toEqual([]);
  });

  it('without auto-renew, warns once inside the last five minutes and never mints', async () => {
    const { api, clock, core, environment, token, renewed, expiring } = await timerWorld(false);
    const requests = api.stats.tokenRequests;
    clock.advance(token.expiresAt - clock.now() - EXPIRING_WARNING_MS - 1000);
    await core.tokens.tick();
    expect(expiring).toEqual([]);

    clock.advance(2000);
    await core.tokens.tick();
    await core.tokens.tick();
    expect(expiring).toEqual([{ environmentId: environment.id, expiresAt: token.expiresAt }]);

    clock.advance(EXPIRING_WARNING_MS);
    await core.tokens.tick();
    expect(expiring).toHaveLength(1);
    expect(renewed).toEqual([]);
    expect(api.stats.tokenRequests).toBe(requests);
  });
});
