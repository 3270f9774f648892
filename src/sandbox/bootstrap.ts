import { newCredentialRecord } from './context';
import { unusableReason, type CredentialStore } from './credential-store';
import {
  hashChosenSecret,
  hashGeneratedSecret,
  newClientId,
  newClientSecret,
  verifySecret,
} from './secrets';

/** The credential a user starts with, and whether ensuring it changed the state. */
export interface BootstrapResult {
  readonly clientId: string;
  /** Null when the caller could not supply the secret and nothing was changed. */
  readonly clientSecret: string | null;
  readonly changed: boolean;
}

/** The bootstrap credential the caller insists on (the app keeps its secret in the keychain). */
export interface BootstrapRequest {
  readonly clientId: string;
  /** Null: the caller knows the credential but cannot read its secret now; change nothing. */
  readonly clientSecret: string | null;
  readonly name?: string;
}

/**
 * Makes sure there is a usable credential whose secret is known:
 * - a requested one is created, or updated (secret, name) and made usable again if it was
 *   revoked or expired: the sandbox is for trying things, so it must never lock its owner out;
 * - otherwise a new one is generated: "Bootstrap" in an empty sandbox, else "Bootstrap <date>"
 *   (existing secrets are stored as hashes only, so none of them can be printed).
 */
export async function ensureBootstrap(
  store: CredentialStore,
  request: BootstrapRequest | undefined,
  at: string,
  nowMs: number,
): Promise<BootstrapResult> {
  if (request === undefined) {
    const clientSecret = newClientSecret();
    const record = newCredentialRecord({
      clientId: newClientId(),
      name: store.size === 0 ? 'Bootstrap' : `Bootstrap ${at}`,
      secretHash: hashGeneratedSecret(clientSecret),
      expiresAt: null,
      at,
    });
    store.add(record);
    return { clientId: record.client_id, clientSecret, changed: true };
  }
  const { clientId, clientSecret } = request;
  if (clientSecret === null) return { clientId, clientSecret: null, changed: false };
  const existing = store.get(clientId);
  if (existing === undefined) {
    store.add(
      newCredentialRecord({
        clientId,
        name: request.name ?? 'Bootstrap',
        secretHash: await hashChosenSecret(clientSecret),
        expiresAt: null,
        at,
      }),
    );
    return { clientId, clientSecret, changed: true };
  }
  const secretMatches = await verifySecret(clientSecret, existing.secret_hash);
  const renamed = request.name !== undefined && request.name !== existing.name;
  const unusable = unusableReason(existing, nowMs) !== null;
  if (secretMatches && !renamed && !unusable) return { clientId, clientSecret, changed: false };
  store.update(clientId, {
    ...(secretMatches ? {} : { secret_hash: await hashChosenSecret(clientSecret) }),
    ...(renamed && request.name !== undefined ? { name: request.name } : {}),
    ...(unusable ? { status: 'active' as const, expires_at: null } : {}),
    updated_at: at,
  });
  return { clientId, clientSecret, changed: true };
}
