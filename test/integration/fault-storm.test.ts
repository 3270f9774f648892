import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIdempotencyLedger } from '../../src/main/core/credentials/idempotency-ledger';
import { isCredentialAccount, secretAccount } from '../../src/main/core/secrets/secret-store';
import type { Fault } from '../../src/sandbox';
import type { CapturedCredential } from '../../src/shared/domain';
import { toAppError } from '../../src/shared/errors';
import { coreForTest } from '../fixtures/core-fixture';
import { bump, dice, LONG_MODE, scaled, seedFrom, tallyObject } from '../fixtures/fuzz-kit';
import { requestToken, sandbox } from '../fixtures/sandbox-client';
import { storedSecret } from '../support/stored-secret';

const SEED = seedFrom('FAULT_STORM_SEED', 0x5707_0003);
/** Logical creates: what a user asks for, however many HTTP tries each one takes; 500 in long mode. */
const CREATES = scaled(200, 500);
/** Creates running at once (the UI allows one per window; several windows or the wizard add more). */
const CONCURRENCY = 3;
/** A user gives up after pressing Create this many times: reaching it fails the test. */
const MAX_PRESSES = 25;
/** The client's timeout; the slow fault holds a request for longer, then the server commits it. */
const TIMEOUT_MS = 400;
const SLOW_MS = 900;
/** How many created credentials must prove their secret with a real token exchange. */
const MINT_SAMPLE = scaled(20, 50);

const CREATE = 'POST /auth/credentials';
const TOKEN = 'POST /auth/token';
const LIST = 'GET /auth/credentials';

/** The faults of a route, each with its share of that route's requests. */
type FaultMix = readonly (readonly [share: number, make: () => Fault])[];

function mixes(roll: ReturnType<typeof dice>): Readonly<Record<string, FaultMix>> {
  const status = (): Fault => ({ kind: 'status', status: roll.pick([500, 502, 503] as const) });
  // Mostly Retry-After 0 (or a date in the past) so the run stays fast; one in four waits 1 s.
  const rateLimit = (): Fault => ({
    kind: 'rate-limit',
    retryAfter: roll.pick(['0', '0', 'Wed, 21 Oct 2015 07:28:00 GMT', '1']),
  });
  return {
    [CREATE]: [
      [0.1, () => ({ kind: 'drop-after-commit' })],
      [0.08, status],
      [0.05, rateLimit],
      [0.04, () => ({ kind: 'delay', ms: SLOW_MS })],
      [0.08, () => ({ kind: 'reset' })],
      [
        0.04,
        () => ({
          kind: 'garbage',
          contentType: roll.pick(['text/html', 'application/json']),
          body: roll.pick(['<html><body>502 Bad Gateway</body></html>', '{"client_id":"cl_', '']),
        }),
      ],
    ],
    [TOKEN]: [
      [0.08, () => ({ kind: 'reset' })],
      [0.08, status],
      [0.05, rateLimit],
      [0.04, () => ({ kind: 'garbage', contentType: 'application/json', body: '{"access_tok' })],
    ],
    [LIST]: [
      [0.1, status],
      [0.08, () => ({ kind: 'reset' })],
      [0.05, rateLimit],
    ],
  };
}

describe(`fault storm (seed ${SEED.toString(16)})`, () => {
  it(`${CREATES} creates under random faults leave exactly ${CREATES} credentials, each secret in the keychain, none orphaned or doubled`, async () => {
    const started = performance.now();
    const sbx = await sandbox({ faults: true, rateLimit: false });
    // The real fetch, wrapped only to count how often each Idempotency-Key is sent.
    const keySends = new Map<string, number>();
    const countingFetch: typeof fetch = (input, init) => {
      const key = new Headers(init?.headers).get('idempotency-key');
      if (key !== null) bump(keySends, key);
      return fetch(input, init);
    };
    const { core, dataDir, secretStore } = await coreForTest({
      fetch: countingFetch,
      apiOptions: {
        timeoutMs: TIMEOUT_MS,
        retry: { attempts: 4, baseDelayMs: 25, maxDelayMs: 1500 },
      },
    });
    const { environment } = await core.environments.add({
      name: 'Storm',
      kind: 'staging',
      baseUrl: sbx.url,
      tokenUrl: null,
      extraHeaders: {},
      colour: '#1f6feb',
      clientId: sbx.bootstrap.clientId,
      clientSecret: sbx.bootstrap.clientSecret!,
      saveUnverified: false,
    });
    const envId = environment.id;

    const injected = new Map<string, number>();
    const roll = dice(SEED);
    const mix = mixes(roll);
    sbx.faults.setPolicy((route) => {
      const options = mix[route];
      if (options === undefined) return null;
      let x = roll.random();
      for (const [share, make] of options) {
        if (x < share) {
          const fault = make();
          const label = fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
          bump(injected, `${route} → ${label}`);
          return fault;
        }
        x -= share;
      }
      return null;
    });

    const presses = new Map<string, number>(); // failed presses of Create, by error kind
    const sideCalls = new Map<string, number>();
    const captured = new Map<string, CapturedCredential>();
    let maxPresses = 0;

    const createOne = async (index: number): Promise<void> => {
      const name = `Storm ${String(index).padStart(4, '0')}`;
      for (let press = 1; ; press += 1) {
        try {
          const result = await core.credentials.create(envId, { name, expiresAt: null });
          captured.set(name, result);
          maxPresses = Math.max(maxPresses, press);
          return;
        } catch (error) {
          const appError = toAppError(error);
          bump(presses, appError.kind);
          if (press >= MAX_PRESSES) {
            throw new Error(`${name}: still failing after ${press} presses: ${appError.message}`, {
              cause: error,
            });
          }
        }
      }
    };

    // Around the creates, what the UI does too: token renewals and list refreshes, under faults.
    const sideTraffic = async (index: number): Promise<void> => {
      if (index % 15 === 7) core.tokens.cache.invalidateEnvironment(envId);
      if (index % 10 === 3) {
        const outcome = await core.credentials.list(envId).then(
          () => 'list ok',
          (error: unknown) => `list failed: ${toAppError(error).kind}`,
        );
        bump(sideCalls, outcome);
      }
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CREATES) {
          const index = next++;
          await sideTraffic(index);
          await createOne(index);
        }
      }),
    );
    sbx.faults.clear();
    // Slow requests the client abandoned finish on the server; they must not have made a credential.
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));

    // The server: exactly one credential per logical create, none doubled.
    expect(sbx.stats.credentialCreates).toBe(CREATES);
    const listed = await core.credentials.list(envId);
    const made = listed.filter((credential) => credential.clientId !== sbx.bootstrap.clientId);
    expect(made).toHaveLength(CREATES);
    expect(new Set(made.map((credential) => credential.name)).size).toBe(CREATES);
    expect(captured.size).toBe(CREATES);

    // The keychain: every created credential's secret, the very one captured; nothing else.
    for (const credential of made) {
      const capture = captured.get(credential.name);
      expect(capture?.credential.clientId, credential.name).toBe(credential.clientId);
      expect(credential.secretStored, credential.name).toBe(true);
      const stored = await storedSecret(secretStore, secretAccount(envId, credential.clientId));
      expect(stored, `secret of ${credential.clientId}`).toBe(capture?.clientSecret);
    }
    const accounts = new Set((await secretStore.list()).filter(isCredentialAccount));
    const expected = new Set(
      [sbx.bootstrap.clientId, ...made.map((c) => c.clientId)].map((id) =>
        secretAccount(envId, id),
      ),
    );
    expect(accounts).toEqual(expected);

    // No create is left half-done: the ledger of unfinished creates is empty.
    const ledger = createIdempotencyLedger(join(dataDir, 'pending-creates.json'));
    expect(await ledger.pending()).toEqual([]);

    // A sample of the stored secrets really mints a token.
    const sampler = dice(SEED + 1);
    for (let i = 0; i < Math.min(MINT_SAMPLE, made.length); i++) {
      const credential = sampler.pick(made);
      const secret = await storedSecret(secretStore, secretAccount(envId, credential.clientId));
      const minted = await requestToken(sbx.url, credential.clientId, secret ?? '');
      expect(minted.status, minted.text).toBe(200);
    }

    // The storm really happened: every kind of fault hit the create route.
    const kinds = [...injected.keys()].filter((key) => key.startsWith(CREATE));
    for (const kind of ['drop-after-commit', 'status', 'rate-limit', 'delay', 'reset', 'garbage']) {
      expect(
        kinds.some((key) => key.includes(kind)),
        kind,
      ).toBe(true);
    }
    expect(sbx.stats.idempotentReplays).toBeGreaterThan(0);
    // One key per logical create, however often it was sent.
    expect(keySends.size).toBe(CREATES);

    const faultsTotal = [...injected.values()].reduce((a, b) => a + b, 0);
    const pressesTotal = [...presses.values()].reduce((a, b) => a + b, 0);
    const requests = sbx.stats.requests;
    console.log(
      JSON.stringify(
        {
          test: 'fault-storm',
          mode: LONG_MODE ? 'long' : 'default',
          seed: SEED,
          logicalCreates: CREATES,
          concurrency: CONCURRENCY,
          faultsInjected: faultsTotal,
          faultsByRouteAndKind: tallyObject(injected),
          httpTries: {
            [CREATE]: requests[CREATE] ?? 0,
            [TOKEN]: requests[TOKEN] ?? 0,
            [LIST]: requests[LIST] ?? 0,
          },
          idempotencyKeysUsed: keySends.size,
          sameKeyResends: [...keySends.values()].reduce((a, b) => a + b - 1, 0),
          idempotentReplays: sbx.stats.idempotentReplays,
          replayedCaptures: [...captured.values()].filter((c) => c.replayed).length,
          createPressedAgain: pressesTotal,
          createPressedAgainByErrorKind: tallyObject(presses),
          mostPressesForOneCreate: maxPresses,
          sideTraffic: tallyObject(sideCalls),
          serverCredentialCreates: sbx.stats.credentialCreates,
          keychainSecretsVerified: made.length,
          tokensMintedFromSample: Math.min(MINT_SAMPLE, made.length),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        },
        null,
        2,
      ),
    );
  }, 600_000);
});
