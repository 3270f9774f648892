import { randomBytes, randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  importSPKI,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { KeyInput } from '../src/shared/jwt';

/** The algorithms the verification benchmark covers. */
export type BenchAlgorithm = 'RS256' | 'ES256' | 'HS256';

/** Tokens of one algorithm and the key that verifies them, in the forms each side takes. */
export interface SignedSet {
  readonly alg: BenchAlgorithm;
  readonly tokens: readonly string[];
  /** The key as a user pastes it into Keysmith. */
  readonly keyInput: KeyInput;
  /** The same key as jose's own import functions take it, imported anew on every call. */
  readonly importKey: () => Promise<CryptoKey | Uint8Array>;
  /** The same key imported once, ahead of time. */
  readonly imported: CryptoKey | Uint8Array;
}

/** How many distinct tokens each benchmark cycles through (so no call sees the same input twice in a row). */
export const TOKENS_PER_SET = 16;

/** The instant (epoch ms) every benchmark token is evaluated at: inside their validity. */
export const BENCH_NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

/** Signs a typical OAuth2 access token (RFC 9068 shape, as an authorization server issues it). */
async function accessToken(
  key: CryptoKey | Uint8Array,
  alg: BenchAlgorithm,
  kid: string,
  index: number,
): Promise<string> {
  const clientId = `dinie_ci_${index.toString(16).padStart(32, '0')}`;
  const iat = Math.floor(BENCH_NOW / 1000) - 600;
  return new SignJWT({
    client_id: clientId,
    scope: 'credentials:read credentials:write tokens:introspect',
    tenant: 'partner-4711',
  })
    .setProtectedHeader({ alg, typ: 'at+jwt', kid })
    .setIssuer('https://auth.example.com')
    .setSubject(clientId)
    .setAudience('https://api.example.com')
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 3600)
    .setJti(randomUUID())
    .sign(key);
}

async function sign(
  key: CryptoKey | Uint8Array,
  alg: BenchAlgorithm,
  kid: string,
): Promise<string[]> {
  return Promise.all(
    Array.from({ length: TOKENS_PER_SET }, (_, index) => accessToken(key, alg, kid, index)),
  );
}

/** RS256 (2048-bit) tokens, the key given as an SPKI PEM. */
async function rs256(): Promise<SignedSet> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  const pem = await exportSPKI(publicKey);
  return {
    alg: 'RS256',
    tokens: await sign(privateKey, 'RS256', kid),
    keyInput: { kind: 'pem', value: pem },
    importKey: () => importSPKI(pem, 'RS256'),
    imported: publicKey,
  };
}

/** ES256 tokens, the key given as a public JWK. */
async function es256(): Promise<SignedSet> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const text = JSON.stringify({ ...jwk, kid });
  return {
    alg: 'ES256',
    tokens: await sign(privateKey, 'ES256', kid),
    keyInput: { kind: 'jwk', value: text },
    importKey: () => importJWK(JSON.parse(text) as JWK, 'ES256'),
    imported: publicKey,
  };
}

/** HS256 tokens, the key a 256-bit secret given as its base64url text. */
async function hs256(): Promise<SignedSet> {
  const secret = randomBytes(32);
  const text = secret.toString('base64url');
  return {
    alg: 'HS256',
    tokens: await sign(new Uint8Array(secret), 'HS256', 'hmac-1'),
    keyInput: { kind: 'secret', value: text, encoding: 'base64url' },
    importKey: async () => new Uint8Array(Buffer.from(text, 'base64url')),
    imported: new Uint8Array(secret),
  };
}

/** Keys and signed tokens for every benchmarked algorithm. */
export async function signedSets(): Promise<readonly SignedSet[]> {
  return [await rs256(), await es256(), await hs256()];
}
