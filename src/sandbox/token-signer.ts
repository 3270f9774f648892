import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import { z } from 'zod';

/** The `aud` of every sandbox access token. */
export const TOKEN_AUDIENCE = 'keysmith-sandbox';

/** The JWS `typ` of sandbox access tokens (RFC 9068). */
export const TOKEN_TYPE = 'at+jwt';

/** A public JSON Web Key Set. */
export interface Jwks {
  readonly keys: readonly JWK[];
}

/** The claims the sandbox relies on when it verifies one of its own tokens. */
const VerifiedClaimsSchema = z.object({
  client_id: z.string().min(1),
  sub: z.string().min(1),
  exp: z.number(),
});

/** Why a bearer token was refused. */
export type TokenRejection = 'expired' | 'invalid';

/** Signs and verifies the sandbox's RS256 access tokens with a key that lives only in memory. */
export interface TokenSigner {
  /** The public key set served at /.well-known/jwks.json. */
  readonly jwks: Jwks;
  /** Issues a signed access token for a client, valid for the configured lifetime. */
  issue(clientId: string, scope: string | undefined): Promise<string>;
  /** Verifies a token of this signer at the clock's current time. */
  verify(
    token: string,
  ): Promise<
    | { readonly ok: true; readonly clientId: string }
    | { readonly ok: false; readonly reason: TokenRejection }
  >;
}

/** Settings of a token signer. */
export interface TokenSignerOptions {
  readonly issuer: string;
  readonly ttlSeconds: number;
  readonly now: () => number;
}

/** An RS256 key pair that lives only in memory, with its public JWK and kid. */
export interface SigningKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
  readonly publicJwk: JWK;
}

/** Generates a fresh RSA 2048 key pair (never persisted); kid is the JWK thumbprint. */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateKey, publicKey, kid, publicJwk };
}

/** A signer for the given keys. */
export function createTokenSigner(keys: SigningKeys, options: TokenSignerOptions): TokenSigner {
  const jwks: Jwks = { keys: [{ ...keys.publicJwk, kid: keys.kid, use: 'sig', alg: 'RS256' }] };
  return {
    jwks,
    issue: (clientId, scope) => sign(keys.privateKey, keys.kid, options, clientId, scope),
    verify: (token) => verify(keys.publicKey, options, token),
  };
}

async function sign(
  privateKey: CryptoKey,
  kid: string,
  options: TokenSignerOptions,
  clientId: string,
  scope: string | undefined,
): Promise<string> {
  const iat = Math.floor(options.now() / 1000);
  const claims: Record<string, string> = { client_id: clientId };
  if (scope !== undefined) claims['scope'] = scope;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: TOKEN_TYPE, kid })
    .setIssuer(options.issuer)
    .setSubject(clientId)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}

async function verify(
  publicKey: CryptoKey,
  options: TokenSignerOptions,
  token: string,
): Promise<
  | { readonly ok: true; readonly clientId: string }
  | { readonly ok: false; readonly reason: TokenRejection }
> {
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: ['RS256'],
      issuer: options.issuer,
      audience: TOKEN_AUDIENCE,
      typ: TOKEN_TYPE,
      currentDate: new Date(options.now()),
      clockTolerance: 0,
    });
    const claims = VerifiedClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.sub !== claims.data.client_id) {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, clientId: claims.data.client_id };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
