import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text from crypto.randomBytes, without modulo bias (rejection sampling). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new credential id: `cred_` + 24 hex. */
export function newCredentialId(): string {
  return `cred_${randomBytes(12).toString('hex')}`;
}

/** A new client id: `dinie_ci_` + 32 hex. */
export function newClientId(): string {
  return `dinie_ci_${randomBytes(16).toString('hex')}`;
}

/** A new client secret: `dinie_cs_test_` + 40 base62 characters (about 238 bits). */
export function newClientSecret(): string {
  return `dinie_cs_test_${randomBase62(40)}`;
}

/** How a secret is stored: a salted hash, never the secret itself. */
export const SecretHashSchema = z.discriminatedUnion('alg', [
  z.strictObject({
    alg: z.literal('hmac-sha256'),
    salt: z.base64url().min(16),
    hash: z.base64url().min(43),
  }),
  z.strictObject({
    alg: z.literal('scrypt'),
    n: z.number().int().min(1024).max(1_048_576),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64url().min(16),
    hash: z.base64url().min(43),
  }),
]);

/** A stored secret hash. */
export type SecretHash = z.infer<typeof SecretHashSchema>;

const SCRYPT = { n: 16_384, r: 8, p: 1 } as const;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number) {
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function hmac(secret: string, salt: Buffer): Buffer {
  return createHmac('sha256', salt).update(secret, 'utf8').digest();
}

/**
 * Hashes a secret the sandbox generated: its ~238 random bits make a fast salted HMAC-SHA256
 * as strong as a slow KDF (the choice GitHub and Stripe make for API tokens).
 */
export function hashGeneratedSecret(secret: string): SecretHash {
  const salt = randomBytes(16);
  return {
    alg: 'hmac-sha256',
    salt: salt.toString('base64url'),
    hash: hmac(secret, salt).toString('base64url'),
  };
}

/** Hashes a secret chosen by someone else (the bootstrap option), whose entropy is unknown: scrypt. */
export async function hashChosenSecret(secret: string): Promise<SecretHash> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, SCRYPT.n, SCRYPT.r, SCRYPT.p);
  return {
    alg: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64url'),
    hash: key.toString('base64url'),
  };
}

/** Checks a presented secret against a stored hash in constant time. */
export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const salt = Buffer.from(stored.salt, 'base64url');
  const expected = Buffer.from(stored.hash, 'base64url');
  const actual =
    stored.alg === 'scrypt'
      ? await scryptAsync(secret, salt, stored.n, stored.r, stored.p)
      : hmac(secret, salt);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends about the time of a check, so unknown client ids answer like wrong secrets. */
export function burnVerification(secret: string): void {
  hmac(secret, randomBytes(16));
}
