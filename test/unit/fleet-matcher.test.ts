import { describe, expect, it } from 'vitest';
import { configuredIssuers, normalizeIssuer } from '../../src/shared/fleet/issuers';
import { buildFinder } from '../../src/shared/fleet/matcher';
import {
  factsOf,
  looksLikeToken,
  normalizeTokenText,
  readTokenFacts,
} from '../../src/shared/fleet/token-facts';
import { fakeJwt, fleetIndex } from '../fixtures/fleet-samples';
import { growthRatio } from '../support/growth';

const PROD = {
  environmentId: 'prod',
  issuers: configuredIssuers({ baseUrl: 'https://api.payments.example', tokenUrl: null }),
  audiences: ['payments-api'],
  kids: ['prod-2026'],
  clientIds: ['ci_prod_worker', 'ci_prod_batch'],
  names: ['Checkout worker', 'Nightly batch'],
};
const STAGING = {
  environmentId: 'staging',
  issuers: configuredIssuers({
    baseUrl: 'https://staging.example',
    tokenUrl: 'https://sso.example/realms/staging/protocol/openid-connect/token',
  }),
  audiences: [],
  kids: ['stg-1'],
  clientIds: ['ci_stg_worker'],
  names: ['Checkout worker'],
};

describe('token facts: what a pasted token says about where it comes from', () => {
  it('reads iss, aud, kid, client claims and exp, through a Bearer prefix and quotes', () => {
    const token = fakeJwt(
      { kid: 'prod-2026' },
      {
        iss: 'https://api.payments.example/',
        aud: ['payments-api', 'x'],
        azp: 'ci_prod_worker',
        sub: 'ci_prod_worker@clients',
        exp: 1_900_000_000,
      },
    );
    expect(looksLikeToken(`Bearer "${token}"`)).toBe(true);
    expect(readTokenFacts(`  Bearer ${token}\n`)).toEqual({
      issuer: 'https://api.payments.example/',
      audiences: ['payments-api', 'x'],
      kid: 'prod-2026',
      clientIds: ['ci_prod_worker'],
      exp: 1_900_000_000,
    });
  });

  it('gives a JWE its header kid only, and refuses what is not a token', () => {
    const header = Buffer.from(
      JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'enc-1' }),
    ).toString('base64url');
    expect(readTokenFacts(`${header}.a.b.c.d`)).toMatchObject({
      kid: 'enc-1',
      issuer: null,
      clientIds: [],
    });
    for (const text of [
      'ci_prod_worker',
      'eyJ.not base64',
      'a.b.c',
      `eyJ${'A'.repeat(70_000)}.a.b`,
      'eyJhbGciOiJub25lIn0.x',
    ]) {
      expect(readTokenFacts(text), text.slice(0, 20)).toBeNull();
    }
    expect(normalizeTokenText("'abc'")).toBe('abc');
  });

  it('takes facts from decoded claims too (the token panel sends no token)', () => {
    expect(factsOf({ kid: 'k' }, { iss: 'i', aud: 'a', client_id: 'c' })).toEqual({
      issuer: 'i',
      audiences: ['a'],
      kid: 'k',
      clientIds: ['c'],
      exp: null,
    });
  });
});

describe('issuers an environment may put in its tokens', () => {
  it('are its base URL and the token URL path prefixes, normalized', () => {
    expect(normalizeIssuer('https://API.example/realms/x/')).toBe('https://api.example/realms/x');
    expect(STAGING.issuers).toEqual(
      expect.arrayContaining([
        'https://staging.example',
        'https://sso.example',
        'https://sso.example/realms/staging',
      ]),
    );
    expect(STAGING.issuers).not.toContain(
      'https://sso.example/realms/staging/protocol/openid-connect/token',
    );
  });
});

describe('the matcher: a token, client_id, name or kid → its environment(s)', () => {
  const finder = buildFinder([PROD, STAGING]);

  it('matches a production token by issuer, audience, client and kid, strongest first', () => {
    const facts = readTokenFacts(
      fakeJwt(
        { kid: 'prod-2026' },
        { iss: 'https://api.payments.example/', aud: 'payments-api', client_id: 'ci_prod_worker' },
      ),
    )!;
    expect(finder.matchToken(facts)).toEqual([
      { environmentId: 'prod', reasons: ['client_id', 'kid', 'issuer', 'audience'] },
    ]);
  });

  it('matches a Keycloak realm issuer to the environment whose token URL lies under it', () => {
    const facts = factsOf({ kid: 'other' }, { iss: 'https://sso.example/realms/staging' });
    expect(finder.matchToken(facts)).toEqual([{ environmentId: 'staging', reasons: ['issuer'] }]);
  });

  it('lets a shared audience alone name an environment only when nothing stronger names another', () => {
    const shared = buildFinder([PROD, { ...STAGING, audiences: ['payments-api'] }]);
    const prodToken = factsOf({}, { iss: 'https://api.payments.example', aud: 'payments-api' });
    expect(shared.matchToken(prodToken)).toEqual([
      { environmentId: 'prod', reasons: ['issuer', 'audience'] },
    ]);
    const audienceOnly = factsOf({}, { aud: 'payments-api' });
    expect(
      shared
        .matchToken(audienceOnly)
        .map((match) => match.environmentId)
        .sort(),
    ).toEqual(['prod', 'staging']);
  });

  it('matches nothing for a token from elsewhere', () => {
    expect(
      finder.matchToken(factsOf({ kid: 'x' }, { iss: 'https://evil.example', aud: 'y' })),
    ).toEqual([]);
  });

  it('finds a client_id exactly, case-insensitively, before prefix hits', () => {
    const hits = finder.find('CI_PROD_WORKER');
    expect(hits[0]).toMatchObject({ kind: 'client_id', environmentId: 'prod', exact: true });
  });

  it('finds by prefix of a client_id, a name, a later word of a name, and a kid', () => {
    expect(finder.find('ci_prod').map((hit) => hit.value)).toEqual([
      'ci_prod_batch',
      'ci_prod_worker',
    ]);
    expect(
      finder
        .find('checkout')
        .map((hit) => hit.environmentId)
        .sort(),
    ).toEqual(['prod', 'staging']);
    // The name's word first; then the client_id that ends with it.
    expect(finder.find('batch')).toEqual([
      expect.objectContaining({ kind: 'name', clientId: 'ci_prod_batch' }),
      expect.objectContaining({ kind: 'client_id', value: 'ci_prod_batch' }),
    ]);
    expect(finder.find('stg-')).toEqual([
      expect.objectContaining({ kind: 'kid', environmentId: 'staging', exact: false }),
    ]);
    expect(finder.find('')).toEqual([]);
    expect(finder.find('zzz')).toEqual([]);
  });

  it('finds a client_id or kid by its tail, and by the shortened form the app shows', () => {
    expect(finder.find('prod_worker')).toEqual([
      expect.objectContaining({ kind: 'client_id', value: 'ci_prod_worker', exact: false }),
    ]);
    expect(finder.find('ci_p…worker').map((hit) => hit.value)).toEqual(['ci_prod_worker']);
    expect(finder.find('ci_p...batch').map((hit) => hit.value)).toEqual(['ci_prod_batch']);
    // Head and tail may not overlap inside a shorter identifier.
    expect(finder.find('ci_prod_work…orker')).toEqual([]);
    expect(finder.find('ci_s…worker').map((hit) => hit.value)).toEqual(['ci_stg_worker']);
    expect(finder.find('ci_x…worker')).toEqual([]);
    // A tail of a name is not looked up (names are found by their words).
    expect(finder.find('out api')).toEqual([]);
  });

  it('returns at most the limit asked for', () => {
    const big = buildFinder(fleetIndex(4, 1000));
    expect(big.find('ci_', 25)).toHaveLength(25);
    expect(big.size).toBeGreaterThanOrEqual(4000);
  });

  it('answers a keystroke in about the same time over ten times the entries (an index, not a scan)', async () => {
    const ratio = await growthRatio(
      (n) => buildFinder(fleetIndex(4, n)),
      (finder) => finder.find('ci_2_1'),
      1000,
    );
    // A scan grows ~10×; binary search plus a bounded number of hits stays near 1.
    expect(ratio).toBeLessThan(4);
  });
});
