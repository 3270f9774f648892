import { describe, expect, it } from 'vitest';
import { compareJwts, inspectJwt, MASK, redactJwt, verifyJwt } from '../../src/shared/jwt';
import { RFC7515_A1 } from '../fixtures/jwt-vectors';
import { craft } from '../fixtures/jwt-tokens';

const sig = Buffer.alloc(32, 3).toString('base64url');

describe('comparing two tokens claim by claim', () => {
  const a = craft(
    { alg: 'RS256', kid: 'k1' },
    { iss: 'i', sub: 'alice', scope: 'read', exp: 1000, aud: ['x', 'y'] },
    sig,
  );
  const b = craft(
    { alg: 'RS256', kid: 'k2', typ: 'JWT' },
    { aud: ['x', 'y'], iss: 'i', sub: 'bob', exp: 4600, jti: 'n' },
    'b3RoZXI',
  );
  const diff = compareJwts(a, `Bearer ${b}`);

  it('lists every header parameter and claim as same, changed, only in A or only in B', () => {
    expect(diff.comparable).toBe(true);
    expect(diff.header.map((d) => [d.name, d.status])).toEqual([
      ['alg', 'same'],
      ['kid', 'changed'],
      ['typ', 'only-in-b'],
    ]);
    expect(diff.payload.map((d) => [d.name, d.status])).toEqual([
      ['iss', 'same'],
      ['sub', 'changed'],
      ['scope', 'only-in-a'],
      ['exp', 'changed'],
      ['aud', 'same'],
      ['jti', 'only-in-b'],
    ]);
    expect(diff.payload.find((d) => d.name === 'sub')).toMatchObject({ a: 'alice', b: 'bob' });
  });

  it('says how far apart the times are, and whether the signatures differ', () => {
    expect(diff.payload.find((d) => d.name === 'exp')?.deltaSec).toBe(3600);
    expect(diff.signature).toBe('changed');
    expect(diff.summary).toEqual({ same: 3, changed: 3, onlyInA: 1, onlyInB: 2 });
  });

  it('object and array values compare by content, not by member order', () => {
    const x = craft({ alg: 'HS256' }, { cnf: { jkt: 'a', kid: 'b' } }, sig);
    const y = craft({ alg: 'HS256' }, { cnf: { kid: 'b', jkt: 'a' } }, sig);
    expect(compareJwts(x, y).payload[0]?.status).toBe('same');
  });

  it('the same token pasted twice is identical; an unreadable one is reported, not compared', () => {
    expect(compareJwts(RFC7515_A1.token, ` ${RFC7515_A1.token} `)).toMatchObject({
      identical: true,
      signature: 'same',
    });
    const broken = compareJwts(RFC7515_A1.token, 'nope');
    expect(broken).toMatchObject({
      comparable: false,
      b: { ok: false, error: { code: 'segment-count' } },
    });
  });
});

describe('copy redacted: safe to paste into a ticket', () => {
  const token = craft(
    { alg: 'RS256', kid: 'k1' },
    { iss: 'https://issuer', sub: 'user-42', email: 'a@b.c', scope: 'read', exp: 99 },
    sig,
  );

  it('drops the signature and masks the chosen claims', () => {
    const result = redactJwt(token, { maskClaims: ['sub', 'email'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.split('.')).toHaveLength(2);
    expect(result.masked).toEqual(['sub', 'email']);
    expect(result.payload).toEqual({
      iss: 'https://issuer',
      sub: MASK,
      email: MASK,
      scope: 'read',
      exp: 99,
    });
    const decoded = JSON.parse(
      Buffer.from(result.text.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    expect(decoded.sub).toBe('•••• (masked)');
    expect(result.text).not.toContain(sig);
  });

  it('masks identifying claims by default and can mask header parameters', () => {
    const result = redactJwt(token, { maskHeaderParams: ['kid'] });
    expect(result.ok && result.masked).toEqual(['header.kid', 'sub', 'email']);
  });

  it('the redacted text can never verify: pasted back it is missing its signature', async () => {
    const result = redactJwt(RFC7515_A1.token, { maskClaims: [] });
    if (!result.ok) throw new Error('not ok');
    expect(inspectJwt(result.text)).toMatchObject({ ok: false, error: { code: 'segment-count' } });
    const key = { kind: 'jwk', value: JSON.stringify(RFC7515_A1.jwk) } as const;
    expect(await verifyJwt(result.text, key)).toMatchObject({ valid: false, code: 'malformed' });
    expect(await verifyJwt(`${result.text}.`, key)).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
  });

  it('encrypted or non-claims tokens cannot be redacted, with a reason', () => {
    expect(redactJwt('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.AAAA.AAAA')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/decrypt/) },
    });
    expect(redactJwt(craft({ alg: 'HS256' }, 'hello', sig))).toMatchObject({ ok: false });
  });
});
