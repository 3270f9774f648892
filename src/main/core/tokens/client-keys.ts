import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
} from 'jose';
import { z } from 'zod';
import type { Environment, PublicClientKeyView, PublicJwk } from '../../../shared/domain';
import {
  CLIENT_KEY_ALGS,
  CONTROL_CHARACTERS,
  tokenUrlOf,
  type ClientKeyAlg,
} from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ConfirmPort } from '../confirm/confirm-port';
import { clientKeyRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import type { Bindable } from '../secrets/bound-secrets';
import { bindingChanges, bindingOf, openSecret, sealSecret } from '../secrets/secret-binding';
import { namespacedAccount, type SecretStore } from '../secrets/secret-store';
import { selfSignedCertificate } from './self-signed-certificate';

export { CLIENT_KEY_ALGS, type ClientKeyAlg } from '../../../shared/environment';

/** How long a client assertion is valid: 60 s (RFC 7523 §3 asks for a short lifetime). */
export const ASSERTION_LIFETIME_S = 60;

/** The public half of a private_key_jwt key; the private half lives only in the keychain. */
export interface PublicClientKey extends PublicClientKeyView {
  /** Public members only, with kid, alg, use: 'sig'. */
  readonly jwk: JWK & PublicJwk;
}

/** The private_key_jwt keys of an environment's clients (RFC 7523), kept in the keychain. */
export interface ClientKeys {
  /** Generates a key pair in main; stores the private key in the keychain under (environment, clientId). Production asks first. */
  generate(environment: Environment, clientId: string, alg: ClientKeyAlg): Promise<PublicClientKey>;
  publicKey(environment: Environment, clientId: string): Promise<PublicClientKey | null>;
  /** Moves a key stored under a provisional id (DCR: before the server assigned the client_id). */
  adopt(environment: Environment, provisionalId: string, clientId: string): Promise<void>;
  /** Deletes the key of a client; production asks first. Resolves to whether there was one. */
  remove(environment: Environment, clientId: string): Promise<boolean>;
  /** Deletes a key without asking (a provisional key nobody registered, or the environment's removal). */
  discard(environmentId: string, clientId: string): Promise<boolean>;
  /**
   * A fresh RFC 7523 client assertion: iss = sub = clientId, aud = the token endpoint, unique
   * jti, exp 60 s after iat; header kid and x5t#S256. Refuses an audience other than the
   * environment's token endpoint, and a key bound to another endpoint or kind.
   */
  assertion(environment: Environment, clientId: string, audience: string): Promise<string>;
  /** Whether a key is stored for the client, and whether it may sign for the environment as it is now. */
  state(environment: Bindable, clientId: string): Promise<'bound' | 'needs-proof' | 'missing'>;
}

/** What the keychain holds for a client key (inside the bound envelope). */
const StoredKeySchema = z.strictObject({
  v: z.literal(1),
  alg: z.enum(CLIENT_KEY_ALGS),
  privateJwk: z.record(z.string(), z.unknown()),
  certificatePem: z.string(),
  x5tS256: z.string(),
  certificateExpiresAt: z.number(),
  createdAt: z.number(),
});
type StoredKey = z.infer<typeof StoredKeySchema>;

/** Members of a JWK that hold private key material. */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/** The keychain account of a client's private key. */
export function clientKeyAccount(environmentId: string, clientId: string): string {
  return namespacedAccount(environmentId, 'key', clientId);
}

/** The longest client_id a key is made for. */
const MAX_CLIENT_ID_LENGTH = 255;

function checkClientId(clientId: string): void {
  const detail =
    clientId === ''
      ? 'Enter the client_id the key is for.'
      : clientId.length > MAX_CLIENT_ID_LENGTH || CONTROL_CHARACTERS.test(clientId)
        ? 'This client_id is too long or contains a control character.'
        : null;
  if (detail !== null) {
    throw new AppFailure({
      kind: 'validation',
      message: detail,
      errors: [{ param: 'clientId', detail }],
    });
  }
}

/** The public JWK of a stored key: private members dropped, kid / alg / use set. */
async function publicJwkOf(
  stored: Pick<StoredKey, 'alg' | 'privateJwk'>,
): Promise<JWK & PublicJwk> {
  const members = Object.entries(stored.privateJwk).filter(([name]) => !PRIVATE_MEMBERS.has(name));
  const bare = Object.fromEntries(
    members.filter(([name]) => ['kty', 'crv', 'x', 'y', 'n', 'e'].includes(name)),
  ) as unknown as JWK & PublicJwk;
  const kid = await calculateJwkThumbprint(bare, 'sha256');
  return { ...bare, kid, alg: stored.alg, use: 'sig' };
}

async function toPublic(stored: StoredKey): Promise<PublicClientKey> {
  const jwk = await publicJwkOf(stored);
  return {
    kid: jwk.kid!,
    alg: stored.alg,
    jwk,
    certificatePem: stored.certificatePem,
    x5tS256: stored.x5tS256,
    certificateExpiresAt: stored.certificateExpiresAt,
    createdAt: stored.createdAt,
  };
}

/** Builds the client keys over the keychain; production generation and removal go through the port. */
export function createClientKeys(options: {
  readonly secretStore: SecretStore;
  readonly confirm: ConfirmPort;
  readonly auditRecorder?: AuditRecorder;
  readonly now: () => number;
}): ClientKeys {
  const { secretStore: store, confirm, now } = options;

  /** The stored key and its binding, or null; a value that does not parse counts as none. */
  const open = async (environmentId: string, clientId: string) => {
    const raw = await store.get(clientKeyAccount(environmentId, clientId));
    const envelope = raw === null ? null : openSecret(raw);
    if (envelope === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(envelope.secret);
    } catch {
      return null;
    }
    const parsed = StoredKeySchema.safeParse(json);
    return parsed.success ? { key: parsed.data, envelope } : null;
  };

  const audit = (environment: Environment, action: string, clientId: string, outcome: string) =>
    options.auditRecorder?.record({ environmentId: environment.id, action, clientId, outcome });

  const keys: ClientKeys = {
    async generate(environment, clientId, alg) {
      checkClientId(clientId);
      const existing = await open(environment.id, clientId);
      await confirmInProduction(confirm, environment, () =>
        clientKeyRequest(environment, clientId, existing === null ? 'generate' : 'replace'),
      );
      const pair = await generateKeyPair(alg, { extractable: true });
      const createdAt = now();
      const certificate = await selfSignedCertificate(pair, alg, clientId, createdAt);
      const stored: StoredKey = {
        v: 1,
        alg,
        privateJwk: { ...(await exportJWK(pair.privateKey)) },
        certificatePem: certificate.pem,
        x5tS256: certificate.x5tS256,
        certificateExpiresAt: certificate.notAfter,
        createdAt,
      };
      const value = sealSecret(JSON.stringify(stored), bindingOf(environment), null);
      await store.set(clientKeyAccount(environment.id, clientId), value);
      const publicKey = await toPublic(stored);
      await audit(environment, 'client-key.generate', clientId, `${alg} key ${publicKey.kid}`);
      return publicKey;
    },
    async publicKey(environment, clientId) {
      const found = await open(environment.id, clientId);
      return found === null ? null : toPublic(found.key);
    },
    async adopt(environment, provisionalId, clientId) {
      checkClientId(clientId);
      const raw = await store.get(clientKeyAccount(environment.id, provisionalId));
      if (raw === null) {
        throw new AppFailure({
          kind: 'not-found',
          message: `No key was generated for ${provisionalId} in “${environment.name}”.`,
        });
      }
      await store.set(clientKeyAccount(environment.id, clientId), raw);
      await store.delete(clientKeyAccount(environment.id, provisionalId));
    },
    async remove(environment, clientId) {
      await confirmInProduction(confirm, environment, () =>
        clientKeyRequest(environment, clientId, 'remove'),
      );
      const removed = await keys.discard(environment.id, clientId);
      if (removed) await audit(environment, 'client-key.remove', clientId, 'private key deleted');
      return removed;
    },
    discard: (environmentId, clientId) => store.delete(clientKeyAccount(environmentId, clientId)),
    async assertion(environment, clientId, audience) {
      if (audience !== tokenUrlOf(environment)) {
        throw new AppFailure({
          kind: 'validation',
          message: `Keysmith signs client assertions only for the token endpoint of “${environment.name}” (${tokenUrlOf(environment)}).`,
          errors: [{ param: 'tokenUrl', detail: 'Not this environment’s token endpoint.' }],
        });
      }
      const found = await open(environment.id, clientId);
      if (found === null) {
        throw new AppFailure({
          kind: 'keychain',
          reason: 'not-found',
          message: `No private key for ${clientId} is in the keychain for “${environment.name}”. Generate one in the environment’s form and register its public key with the server.`,
        });
      }
      const changes = bindingChanges(found.envelope, bindingOf(environment));
      if (changes.length > 0) {
        throw new AppFailure({
          kind: 'conflict',
          message:
            `The private key of ${clientId} was made for another endpoint or kind than “${environment.name}” has now ` +
            `(${changes.join('; ')}). Keysmith signs nothing with it: generate a new key for this endpoint and register its public key.`,
        });
      }
      const { key } = found;
      const { kid } = await publicJwkOf(key);
      const signingKey = await importJWK({ ...key.privateJwk, alg: key.alg } as JWK, key.alg);
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid, 'x5t#S256': key.x5tS256 })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(audience)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ASSERTION_LIFETIME_S)
        .sign(signingKey);
    },
    async state(environment, clientId) {
      const found = await open(environment.id, clientId);
      if (found === null) return 'missing';
      return bindingChanges(found.envelope, bindingOf(environment)).length === 0
        ? 'bound'
        : 'needs-proof';
    },
  };
  return keys;
}
