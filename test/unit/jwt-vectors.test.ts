import { describe, expect, it } from 'vitest';
import { inspectJwt, verifyJwt } from '../../src/shared/jwt';
import {
  AFTER_EXP_MS,
  BEFORE_EXP_MS,
  RFC7515_A1,
  RFC7515_A2,
  RFC7515_A3,
  RFC7515_A4,
  RFC7515_A5,
  RFC7515_EXP,
} from '../fixtures/jwt-vectors';
import { tamperSignature } from '../fixtures/jwt-tokens';

const jwk = (key: object) => ({ kind: 'jwk', value: JSON.stringify(key) }) as const;
const at2011 = { now: BEFORE_EXP_MS };

describe('RFC 7515 Appendix A vectors, decoded and verified with their published keys', () => {
  it('A.1 HS256: decodes the CRLF-laden header and claims, and verifies with the published secret', async () => {
    const inspection = inspectJwt(RFC7515_A1.token, at2011);
    expect(inspection.ok && inspection.kind).toBe('JWS');
    if (!inspection.ok) return;
    expect(inspection.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(inspection.payload).toMatchObject({
      form: 'claims',
      claims: { iss: 'joe', exp: RFC7515_EXP, 'http://example.com/is_root': true },
    });
    expect(inspection.signature).toMatchObject({
      status: 'not-verified',
      byteLength: 32,
      expectedByteLength: 32,
    });

    const result = await verifyJwt(RFC7515_A1.token, jwk(RFC7515_A1.jwk), at2011);
    expect(result).toMatchObject({
      valid: true,
      claimsValid: true,
      algorithm: 'HS256',
      key: { kty: 'oct', bits: 512, matchedBy: 'only-key' },
    });
  });

  it('A.1 HS256 also verifies when the same secret is typed as base64url or standard base64', async () => {
    const k = RFC7515_A1.jwk.k;
    const base64 = Buffer.from(k, 'base64url').toString('base64');
    expect(
      (
        await verifyJwt(
          RFC7515_A1.token,
          { kind: 'secret', value: k, encoding: 'base64url' },
          at2011,
        )
      ).valid,
    ).toBe(true);
    expect(
      (
        await verifyJwt(
          RFC7515_A1.token,
          { kind: 'secret', value: base64, encoding: 'base64' },
          at2011,
        )
      ).valid,
    ).toBe(true);
    // The same characters taken as literal text are a different key.
    expect(
      (await verifyJwt(RFC7515_A1.token, { kind: 'secret', value: k, encoding: 'text' }, at2011))
        .valid,
    ).toBe(false);
  });

  it('A.2 RS256 verifies with the published RSA public key (2048 bits)', async () => {
    const result = await verifyJwt(RFC7515_A2.token, jwk(RFC7515_A2.jwk), at2011);
    expect(result).toMatchObject({
      valid: true,
      algorithm: 'RS256',
      key: { kty: 'RSA', bits: 2048 },
    });
    if (result.valid) expect(result.key.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('A.3 ES256 verifies with the published P-256 key, and its 64-byte R‖S signature raises no length warning', async () => {
    const result = await verifyJwt(RFC7515_A3.token, jwk(RFC7515_A3.jwk), at2011);
    expect(result).toMatchObject({
      valid: true,
      algorithm: 'ES256',
      key: { kty: 'EC', crv: 'P-256' },
    });
    const inspection = inspectJwt(RFC7515_A3.token, at2011);
    expect(inspection.ok && inspection.findings.map((f) => f.id)).not.toContain('signature-length');
  });

  it('A.4 ES512 verifies with the published P-521 key; its payload "Payload" is shown as text, not claims', async () => {
    const result = await verifyJwt(RFC7515_A4.token, jwk(RFC7515_A4.jwk), at2011);
    expect(result).toMatchObject({
      valid: true,
      algorithm: 'ES512',
      claimsChecked: { applicable: false },
    });
    const inspection = inspectJwt(RFC7515_A4.token);
    expect(inspection.ok && inspection.payload).toMatchObject({ form: 'text', text: 'Payload' });
    expect(inspection.ok && inspection.signature?.byteLength).toBe(132);
    expect(inspection.ok && inspection.findings.map((f) => f.id)).toContain('payload-not-claims');
  });

  it('A.5 unsecured: decoded as "unsecured", flagged, and never verified whatever key is given', async () => {
    const inspection = inspectJwt(RFC7515_A5.token, at2011);
    expect(inspection.ok && inspection.kind).toBe('unsecured');
    expect(inspection.ok && inspection.signature).toMatchObject({ status: 'none', byteLength: 0 });
    expect(inspection.ok && inspection.findings[0]).toMatchObject({
      id: 'alg-none',
      severity: 'error',
    });
    const result = await verifyJwt(RFC7515_A5.token, jwk(RFC7515_A1.jwk), at2011);
    expect(result).toMatchObject({ valid: false, code: 'alg-none' });
  });

  it('every vector with one changed signature character is rejected as signature-invalid', async () => {
    for (const vector of [RFC7515_A1, RFC7515_A2, RFC7515_A3, RFC7515_A4]) {
      const result = await verifyJwt(tamperSignature(vector.token), jwk(vector.jwk), at2011);
      expect(result).toMatchObject({ valid: false, code: 'signature-invalid' });
    }
  });
});

describe('RFC 7519 §3.1 example (exp = 1300819380, 2011-03-22T18:43:00Z) on a fixed clock', () => {
  it('shows exp as UTC ISO 8601 and as relative time, valid an hour before expiry', () => {
    const inspection = inspectJwt(RFC7515_A1.token, at2011);
    if (!inspection.ok) throw new Error('not ok');
    const exp = inspection.claims.find((c) => c.name === 'exp');
    expect(exp?.time).toMatchObject({ utc: '2011-03-22T18:43:00Z', relative: 'in 1 h' });
    expect(exp?.meaning).toMatch(/^Expires .*\(in 1 h\)\.$/);
    expect(inspection.times).toMatchObject({ state: 'valid', secondsLeft: 3600 });
  });

  it('is still correctly signed three days later, but verification reports the expiry separately', async () => {
    const inspection = inspectJwt(RFC7515_A1.token, { now: AFTER_EXP_MS });
    expect(inspection.ok && inspection.times?.state).toBe('expired');
    const result = await verifyJwt(RFC7515_A1.token, jwk(RFC7515_A1.jwk), { now: AFTER_EXP_MS });
    expect(result).toMatchObject({
      valid: true,
      signatureValid: true,
      claimsValid: false,
      claimsChecked: { exp: 'failed' },
    });
    if (result.valid)
      expect(result.claimIssues[0]?.message).toBe('Expired 3 days ago (exp 2011-03-22T18:43:00Z).');
  });

  it('the clock tolerance decides the second of expiry', () => {
    const at = (offsetSec: number, tol: number) => {
      const r = inspectJwt(RFC7515_A1.token, {
        now: (RFC7515_EXP + offsetSec) * 1000,
        clockToleranceSec: tol,
      });
      return r.ok ? r.times?.state : null;
    };
    expect(at(-1, 0)).toBe('valid');
    expect(at(0, 0)).toBe('expired');
    expect(at(59, 60)).toBe('valid');
    expect(at(60, 60)).toBe('expired');
  });
});
