import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectJwt, verifyJwt } from '../../src/shared/jwt';
import {
  decodeBase64,
  decodeBase64url,
  decodeBase64urlLenient,
  encodeBase64,
  measureBase64url,
} from '../../src/shared/jwt/encoding/base64url';
import { RFC7515_A1 } from '../fixtures/jwt-vectors';
import { prng } from '../fixtures/fuzz-kit';

/** The token with its signature's last character replaced. */
function withLastChar(token: string, char: string): string {
  return `${token.slice(0, -1)}${char}`;
}

describe('base64url is decoded by jose, behind a strict canonical check', () => {
  it('decodes exactly what Node’s own decoder does, for every length 0–64 and random bytes', () => {
    const random = prng(0xb64);
    for (let length = 0; length <= 64; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const text = Buffer.from(bytes).toString('base64url');
      const decoded = decodeBase64url(text, 'payload');
      expect(decoded.ok && Buffer.from(decoded.bytes).equals(Buffer.from(bytes)), text).toBe(true);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(measureBase64url(text)).toMatchObject({ ok: true, byteLength: length });
    }
  });

  it('refuses a last character whose unused bits are not zero: one byte string, one spelling', () => {
    // "QQ" is the canonical "A"; "QR".."QZ" decode to the same byte in a loose decoder.
    expect(decodeBase64url('QQ', 'header')).toMatchObject({ ok: true });
    expect(Buffer.from('QR', 'base64url')).toEqual(Buffer.from('QQ', 'base64url'));
    expect(decodeBase64url('QR', 'header')).toMatchObject({
      ok: false,
      error: {
        code: 'base64url-noncanonical',
        segment: 'header',
        position: 1,
        message: expect.stringMatching(/ends in "R".*read it as if it ended in "Q"/),
      },
    });
    // Three characters leave two unused bits: "QUE" is canonical, "QUF" is not.
    expect(decodeBase64url('QUE')).toMatchObject({ ok: true });
    expect(decodeBase64url('QUF')).toMatchObject({
      ok: false,
      error: { code: 'base64url-noncanonical' },
    });
    expect(measureBase64url('QUF', 'signature')).toMatchObject({
      ok: false,
      error: { code: 'base64url-noncanonical', segment: 'signature' },
    });
  });

  it('a token whose signature was respelt that way is not readable, so it cannot verify either', async () => {
    const key = { kind: 'jwk', value: JSON.stringify(RFC7515_A1.jwk) } as const;
    const at2011 = { now: (1300819380 - 3600) * 1000 };
    // The A.1 signature ends in "k" (36 = 100100b: its two unused bits are zero); "l" is 37.
    expect(RFC7515_A1.token.endsWith('k')).toBe(true);
    const respelt = withLastChar(RFC7515_A1.token, 'l');
    expect(Buffer.from(respelt.split('.')[2] ?? '', 'base64url')).toEqual(
      Buffer.from(RFC7515_A1.token.split('.')[2] ?? '', 'base64url'),
    );
    expect(inspectJwt(respelt)).toMatchObject({
      ok: false,
      error: { code: 'base64url-noncanonical', segment: 'signature' },
    });
    expect(await verifyJwt(respelt, key, at2011)).toMatchObject({
      valid: false,
      code: 'malformed',
    });
    expect((await verifyJwt(RFC7515_A1.token, key, at2011)).valid).toBe(true);
  });

  it('refuses padding, whitespace and foreign characters in token segments, naming the character', () => {
    expect(decodeBase64url('QQ==', 'payload')).toMatchObject({
      ok: false,
      error: { code: 'base64url-padding', position: 2 },
    });
    expect(decodeBase64url('QU E', 'payload')).toMatchObject({
      ok: false,
      error: { code: 'base64url-alphabet', message: expect.stringMatching(/whitespace/) },
    });
    expect(decodeBase64url('a+b/', 'signature')).toMatchObject({
      ok: false,
      error: { code: 'base64url-alphabet', message: expect.stringMatching(/standard base64/) },
    });
    expect(decodeBase64url('abcde')).toMatchObject({
      ok: false,
      error: { code: 'base64url-length' },
    });
  });

  it('key text may wrap lines and carry the padding that completes its last group', () => {
    const bytes = randomBytes(49);
    const std = bytes.toString('base64');
    expect(std.endsWith('==')).toBe(true);
    const wrapped = std.replace(/(.{16})/g, '$1\n');
    for (const result of [
      decodeBase64(wrapped),
      decodeBase64urlLenient(bytes.toString('base64url')),
      decodeBase64urlLenient(
        std
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/(.{10})/g, '$1 '),
      ),
    ])
      expect(result.ok && Buffer.from(result.bytes).equals(bytes)).toBe(true);
    expect(decodeBase64('QQ=')).toMatchObject({
      ok: false,
      error: { code: 'base64url-padding', message: expect.stringMatching(/last group/) },
    });
    expect(decodeBase64('QR==')).toMatchObject({
      ok: false,
      error: { code: 'base64url-noncanonical' },
    });
    expect(decodeBase64('ab_c')).toMatchObject({
      ok: false,
      error: { code: 'base64url-alphabet', message: expect.stringMatching(/belongs to base64url/) },
    });
  });
});

describe('the same strictness where the runtime decodes with Uint8Array.fromBase64 (Chromium)', () => {
  type FromBase64 = (text: string, options?: { alphabet?: string }) => Uint8Array;
  const runtime = Uint8Array as unknown as { fromBase64?: FromBase64 };

  it('jose hands canonical text to fromBase64, and everything else is refused before it', () => {
    expect(runtime.fromBase64).toBeUndefined(); // Node 20: jose falls back to atob
    const seen: string[] = [];
    // A stand-in as forgiving as the real one's default ("loose" last chunk, whitespace skipped).
    runtime.fromBase64 = (text, options) => {
      seen.push(text);
      return new Uint8Array(
        Buffer.from(text, options?.alphabet === 'base64url' ? 'base64url' : 'base64'),
      );
    };
    try {
      expect(decodeBase64url('QUE', 'payload')).toMatchObject({ ok: true });
      expect(decodeBase64url('QUF', 'payload')).toMatchObject({
        ok: false,
        error: { code: 'base64url-noncanonical' },
      });
      expect(decodeBase64url('QU E', 'payload')).toMatchObject({ ok: false });
      const token = inspectJwt(RFC7515_A1.token);
      expect(token.ok && token.header).toEqual({ typ: 'JWT', alg: 'HS256' });
      expect(seen).toContain('QUE');
      expect(seen).not.toContain('QUF');
      expect(seen).not.toContain('QU E');
    } finally {
      delete runtime.fromBase64;
    }
  });
});
