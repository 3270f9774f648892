import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  inspectJwt,
  LINT_RULES,
  verifyJwt,
  type LintFinding,
  type LintId,
} from '../../src/shared/jwt';
import { b64, craft, signRaw, signToken } from '../fixtures/jwt-tokens';

const NOW = Date.UTC(2030, 0, 1);
const t = NOW / 1000;
const ok = { iss: 'i', sub: 's', iat: t - 10, exp: t + 600 };
const base = { alg: 'HS256', typ: 'JWT' };
const sig32 = Buffer.alloc(32, 7).toString('base64url');
const secret = new TextEncoder().encode('x'.repeat(64));

function ids(token: string): LintFinding[] {
  const r = inspectJwt(token, { now: NOW, clockToleranceSec: 60 });
  if (!r.ok) throw new Error(r.error.message);
  const all: LintFinding[] = [...r.findings];
  for (let inner = r.inner; inner?.ok === true; inner = inner.inner) all.push(...inner.findings);
  return all;
}

const jwe = (header: object) =>
  `${b64(JSON.stringify(header))}.${b64('key')}.${b64('iv-iv-iv-iv-')}.${b64('ct')}.${b64('tag-tag-tag-tag-')}`;
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecPkcs8 = ecKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const ecSpki = ecKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();

/** A crafted token (or key) for every finding the linter knows. */
const CASES: Record<LintId, () => Promise<LintFinding[]> | LintFinding[]> = {
  'alg-none': () => ids(craft({ alg: 'none' }, ok, '')),
  'alg-none-variant': () => ids(craft({ alg: 'nOnE' }, ok, '')),
  'alg-missing': () => ids(craft({ typ: 'JWT' }, ok, sig32)),
  'alg-unknown': () => ids(craft({ alg: 'hs256' }, ok, sig32)),
  'alg-weak': () => ids(craft({ alg: 'RS1' }, ok, sig32)),
  'alg-deprecated': () => ids(craft({ alg: 'EdDSA' }, ok, Buffer.alloc(64).toString('base64url'))),
  'signature-missing': () => ids(craft(base, ok, '')),
  'unsecured-with-signature': () => ids(craft({ alg: 'none' }, ok, sig32)),
  'signature-length': () =>
    ids(
      craft(
        { alg: 'ES256' },
        ok,
        Buffer.from([0x30, 0x45, ...Array(69).fill(1)]).toString('base64url'),
      ),
    ),
  'exp-missing': () => ids(craft(base, { sub: 's' }, sig32)),
  'lifetime-over-24h': () => ids(craft(base, { iat: t, exp: t + 30 * 86_400 }, sig32)),
  'exp-before-start': () => ids(craft(base, { iat: t, exp: t - 1 }, sig32)),
  'nbf-in-future': () => ids(craft(base, { ...ok, nbf: t + 3600 }, sig32)),
  'iat-in-future': () => ids(craft(base, { ...ok, iat: t + 3600, exp: t + 7200 }, sig32)),
  'time-in-milliseconds': () =>
    ids(craft(base, { iat: t * 1000 - 1, exp: t * 1000 + 600_000 }, sig32)),
  'time-not-numeric': () => ids(craft(base, { exp: String(t + 60) }, sig32)),
  'header-kid': () => ids(craft({ ...base, kid: 'k1' }, ok, sig32)),
  'kid-suspicious': () => ids(craft({ ...base, kid: '../../dev/null' }, ok, sig32)),
  'header-jku': () => ids(craft({ ...base, jku: 'https://evil.example/jwks' }, ok, sig32)),
  'header-x5u': () => ids(craft({ ...base, x5u: 'https://evil.example/cert' }, ok, sig32)),
  'header-jwk': () => ids(craft({ ...base, jwk: { kty: 'oct', k: 'AA' } }, ok, sig32)),
  'header-x5c': () => ids(craft({ ...base, x5c: ['MIIB'] }, ok, sig32)),
  'header-crit': () => ids(craft({ ...base, crit: ['ext'], ext: 1 }, ok, sig32)),
  'crit-invalid': () => ids(craft({ ...base, crit: ['alg'] }, ok, sig32)),
  'b64-unencoded': () =>
    ids(`${b64(JSON.stringify({ alg: 'HS256', b64: false, crit: ['b64'] }))}.$.${sig32}`),
  'typ-missing': () => ids(craft({ alg: 'HS256' }, ok, sig32)),
  'typ-unusual': () => ids(craft({ alg: 'HS256', typ: 'JWS' }, ok, sig32)),
  'typ-application-prefix': () => ids(craft({ alg: 'HS256', typ: 'application/jwt' }, ok, sig32)),
  'at-jwt-missing-claims': () => ids(craft({ alg: 'HS256', typ: 'at+jwt' }, ok, sig32)),
  'payload-not-claims': () => ids(craft(base, '[1,2,3]', sig32)),
  'duplicate-member': () => ids(craft(base, '{"sub":"alice","sub":"admin","exp":1}', sig32)),
  'nested-token': async () =>
    ids(await signToken({ alg: 'HS256', cty: 'JWT' }, craft(base, ok, sig32), secret)),
  'nested-without-cty': async () =>
    ids(await signToken({ alg: 'HS256' }, craft(base, ok, sig32), secret)),
  'cty-mismatch': () => ids(craft({ ...base, cty: 'JWT' }, ok, sig32)),
  'nesting-too-deep': async () => {
    let token = craft(base, ok, sig32);
    for (let i = 0; i < 6; i++)
      token = await signToken({ alg: 'HS256', cty: 'JWT' }, token, secret);
    return ids(token);
  },
  'jwe-enc-missing': () => ids(jwe({ alg: 'dir' })),
  'jwe-zip': () => ids(jwe({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })),
  'pbes2-count': () => ids(jwe({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 10 })),
  'hmac-key-too-short': async () =>
    (
      await verifyJwt(
        await signToken({ alg: 'HS256' }, ok, new TextEncoder().encode('tiny')),
        { kind: 'secret', value: 'tiny', encoding: 'text' },
        { now: NOW },
      )
    ).findings as LintFinding[],
  'alg-key-mismatch': async () =>
    (await verifyJwt(craft(base, ok, sig32), { kind: 'pem', value: ecSpki }, { now: NOW }))
      .findings as LintFinding[],
  'secret-is-public-key': async () =>
    (
      await verifyJwt(
        craft(base, ok, sig32),
        { kind: 'secret', value: ecSpki, encoding: 'text' },
        { now: NOW },
      )
    ).findings as LintFinding[],
  'kid-not-in-key-set': async () => {
    const token = signRaw({ alg: 'ES256', kid: 'old' }, ok, ecPkcs8);
    const jwk = ecKey.publicKey.export({ format: 'jwk' });
    return (
      await verifyJwt(
        token,
        { kind: 'jwks', value: JSON.stringify({ keys: [{ ...jwk, kid: 'new' }] }) },
        { now: NOW },
      )
    ).findings as LintFinding[];
  },
  'key-use-mismatch': async () => {
    const token = signRaw({ alg: 'ES256' }, ok, ecPkcs8);
    const jwk = { ...ecKey.publicKey.export({ format: 'jwk' }), use: 'enc' };
    return (await verifyJwt(token, { kind: 'jwk', value: JSON.stringify(jwk) }, { now: NOW }))
      .findings as LintFinding[];
  },
  'private-key-supplied': async () =>
    (
      await verifyJwt(
        signRaw({ alg: 'ES256' }, ok, ecPkcs8),
        { kind: 'pem', value: ecPkcs8 },
        { now: NOW },
      )
    ).findings as LintFinding[],
};

describe('the linter: every finding it knows is produced by a crafted token or key', () => {
  for (const id of Object.keys(LINT_RULES) as LintId[]) {
    it(`${id}: ${LINT_RULES[id].title}`, async () => {
      const findings = await CASES[id]();
      const found = findings.find((f) => f.id === id);
      expect(found, findings.map((f) => f.id).join(', ')).toBeDefined();
      expect(found).toMatchObject({
        severity: LINT_RULES[id].severity,
        reference: LINT_RULES[id].reference,
      });
      expect(found?.detail.length).toBeGreaterThan(20);
    });
  }

  it('a well-formed short-lived token with explicit typing raises nothing', () => {
    expect(
      ids(
        craft(
          { alg: 'HS256', typ: 'at+jwt' },
          { ...ok, aud: 'api', client_id: 'c', jti: 'j' },
          sig32,
        ),
      ),
    ).toEqual([]);
  });

  it('findings come most severe first', () => {
    const findings = ids(craft({ alg: 'none', kid: 'k' }, { sub: 's' }, ''));
    const order = findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(findings[0]?.id).toBe('alg-none');
  });

  it('an ECDSA signature in DER form is recognised as such', () => {
    const der = Buffer.from([
      0x30,
      0x44,
      0x02,
      0x20,
      ...Array(32).fill(1),
      0x02,
      0x20,
      ...Array(32).fill(2),
    ]).toString('base64url');
    const detail = ids(craft({ alg: 'ES256' }, ok, der)).find(
      (f) => f.id === 'signature-length',
    )?.detail;
    expect(detail).toMatch(/DER/);
  });

  it('a kid that tries SQL injection is called out', () => {
    expect(
      ids(craft({ ...base, kid: "x' UNION SELECT 'key" }, ok, sig32)).map((f) => f.id),
    ).toContain('kid-suspicious');
  });
});
