import { describe, expect, it } from 'vitest';
import {
  compareJwts,
  inspectJwt,
  redactJwt,
  verifyJwt,
  type JwtErrorCode,
  type JwtKind,
} from '../../src/shared/jwt';
import {
  RFC7515_A1,
  RFC7515_A2,
  RFC7515_A3,
  RFC7515_A4,
  RFC7515_A5,
  RFC7519_A1_HEADER_B64,
} from '../fixtures/jwt-vectors';
import { b64 } from '../fixtures/jwt-tokens';
import { LONG_MODE, prng, scaled, tallyObject } from '../fixtures/fuzz-kit';

const SEED = 0x5eed_0004;
/** Inputs given to inspectJwt: 20,000 by default, 100,000 in long mode (`npm test -- --long`). */
const INPUTS = scaled(20_000, 100_000);
const KINDS: ReadonlySet<JwtKind> = new Set(['JWS', 'unsecured', 'JWE', 'nested']);
const CODES: ReadonlySet<JwtErrorCode> = new Set([
  'empty-input',
  'too-large',
  'json-serialization',
  'segment-count',
  'empty-segment',
  'base64url-padding',
  'base64url-alphabet',
  'base64url-length',
  'base64url-noncanonical',
  'utf8',
  'json',
  'not-an-object',
]);

const jwe = `${RFC7519_A1_HEADER_B64}.${b64('k'.repeat(40))}.${b64('iv'.repeat(8))}.${b64('ct')}.${b64('t'.repeat(16))}`;
const nested = `${b64('{"alg":"HS256","cty":"JWT"}')}.${b64(RFC7515_A1.token)}.${b64('sig')}`;
const SEEDS = [
  RFC7515_A1.token,
  RFC7515_A2.token,
  RFC7515_A3.token,
  RFC7515_A4.token,
  RFC7515_A5.token,
  jwe,
  nested,
];
const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ "\'{}[]:,\n\t\\\u0000é€😀\uD800';

function generator(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const randomText = (length: number) => Array.from({ length }, () => pick([...ALPHABET])).join('');
  const mutate = (token: string): string => {
    const i = int(token.length + 1);
    switch (int(12)) {
      case 0: // flip one character
        return token.slice(0, i) + pick([...ALPHABET]) + token.slice(i + 1);
      case 1: // cut
        return token.slice(0, i);
      case 2: // insert a dot
        return `${token.slice(0, i)}.${token.slice(i)}`;
      case 3: // drop a segment
        return token
          .split('.')
          .filter((_, k, all) => k !== int(all.length))
          .join('.');
      case 4: // duplicate a segment
        return token
          .split('.')
          .flatMap((s, k) => (k === 1 ? [s, s] : [s]))
          .join('.');
      case 5: // random bytes spliced in
        return token.slice(0, i) + randomText(1 + int(20)) + token.slice(i);
      case 6: // header replaced with arbitrary base64url JSON-ish text
        return [b64(randomText(int(40))), ...token.split('.').slice(1)].join('.');
      case 7: // payload replaced with random bytes
        return token
          .split('.')
          .map((s, k) =>
            k === 1 ? Buffer.from(randomText(int(60)), 'latin1').toString('base64url') : s,
          )
          .join('.');
      case 8: // wrapped in paste noise
        return `${pick(['Bearer ', '"', "'", ' ', 'Authorization: ', '\n'])}${token}${pick(['"', "'", ',', ' ', '\n', ''])}`;
      case 9: // swap case
        return token.slice(0, i) + token.slice(i).toUpperCase();
      case 10: {
        // deeply nested JSON (stack depth): in the header, or as a claim value
        const depth = 5000 + int(50_000);
        const deep = '['.repeat(depth) + ']'.repeat(depth);
        return random() < 0.5
          ? `${b64(deep)}.${token.split('.')[1] ?? ''}.`
          : `${b64('{"alg":"HS256"}')}.${b64(`{"a":${deep},"exp":1}`)}.${b64('sig')}`;
      }
      default: // repeat mutations
        return mutate(mutate(token));
    }
  };
  return (n: number): string => {
    if (n % 2500 === 7) return pick(['a', '.', 'eyJ']).repeat(600_000 + int(1_200_000)); // huge
    if (n % 10 === 0) return randomText(int(200));
    if (n % 10 === 1)
      return Buffer.from(Array.from({ length: int(300) }, () => int(256))).toString('latin1');
    if (n % 10 === 2)
      return Array.from({ length: 1 + int(6) }, () => b64(randomText(int(30)))).join('.');
    return mutate(pick(SEEDS));
  };
}

describe(`fuzzing (seed ${SEED.toString(16)}): inspectJwt never throws`, () => {
  it(`${INPUTS.toLocaleString('en')} random and mutated inputs each yield a kind or a precise error, and stay serialisable`, () => {
    const next = generator(prng(SEED));
    const tally = new Map<string, number>();
    for (let n = 0; n < INPUTS; n++) {
      const input = next(n);
      let result;
      try {
        result = inspectJwt(input);
      } catch (cause) {
        throw new Error(
          `inspectJwt threw on input #${n} (${JSON.stringify(input.slice(0, 120))})`,
          {
            cause,
          },
        );
      }
      const label = result.ok ? result.kind : result.error.code;
      tally.set(label, (tally.get(label) ?? 0) + 1);
      if (result.ok) expect(KINDS.has(result.kind), `#${n}`).toBe(true);
      else {
        expect(
          CODES.has(result.error.code),
          `#${n} ${result.error.code}: ${result.error.message}`,
        ).toBe(true);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
      if (input.length < 100_000) expect(() => JSON.stringify(result)).not.toThrow();
    }
    console.log(
      JSON.stringify({
        test: 'jwt-fuzz',
        mode: LONG_MODE ? 'long' : 'default',
        seed: SEED,
        inputs: INPUTS,
        outcomes: tallyObject(tally),
      }),
    );
    // The generator must reach both sides: readable tokens and every common error.
    for (const label of [
      'JWS',
      'unsecured',
      'JWE',
      'nested',
      'segment-count',
      'base64url-alphabet',
      'json',
      'utf8',
      'too-large',
    ])
      expect(tally.get(label), label).toBeGreaterThan(0);
  });

  it('verify, compare and redact survive mutated tokens too', async () => {
    const next = generator(prng(SEED + 1));
    const key = { kind: 'jwk', value: JSON.stringify(RFC7515_A1.jwk) } as const;
    for (let n = 0; n < scaled(400, 2000); n++) {
      const input = next(n % 2500 === 7 ? n + 1 : n);
      const result = await verifyJwt(input, key);
      expect(typeof result.valid).toBe('boolean');
      if (result.valid) expect(input).toContain(RFC7515_A1.token.split('.')[2]);
      expect(() => compareJwts(input, RFC7515_A1.token)).not.toThrow();
      expect(() => redactJwt(input, { maskClaims: ['iss'] })).not.toThrow();
    }
  });
});
