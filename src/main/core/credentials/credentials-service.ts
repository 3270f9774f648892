import type {
  CapturedCredential,
  Environment,
  CopyOutcome,
  CredentialView,
  NewCredential,
  PendingRegistration,
  RevokeOutcome,
} from '../../../shared/domain';
import type { CredentialBackendKind } from '../../../shared/environment';
import { AppFailure, toAppError } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import type { BackendCredential, CredentialBackend } from './credential-backend';
import type { EnvironmentStore } from '../environments/environment-store';
import { instanceOf } from './seed-api-backend';
import { clientKeyAccount } from '../tokens/client-keys';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { TokenService } from '../tokens/token-service';

/** The longest a token issued before a revoke stays valid (the API's tokens live one hour). */
export const MAX_TOKEN_LIFETIME_MS = 60 * 60_000;

/** The credential use cases of an environment, over its backend: list, create with capture, revoke. */
export interface CredentialsService {
  list(environmentId: string): Promise<readonly CredentialView[]>;
  /** One credential as the server says now, or null when it is not known there. */
  read(environmentId: string, clientId: string): Promise<CredentialView | null>;
  /**
   * Creates a credential; resolves only once its secret is in the keychain and read back. A caller
   * that persists its own Idempotency-Key (the rotation wizard) passes it; else the ledger keeps one.
   */
  create(
    environmentId: string,
    input: NewCredential,
    options?: { readonly idempotencyKey?: string },
  ): Promise<CapturedCredential>;
  revoke(environmentId: string, clientId: string): Promise<RevokeOutcome>;
  /** Renames a credential at the server (DCR, RFC 7592 update); the seed API has no rename. */
  rename(environmentId: string, clientId: string, name: string): Promise<CredentialView>;
  /** Creates whose answer was lost (DCR): they may exist on the server; shown until dismissed. */
  pending(environmentId: string): Promise<readonly PendingRegistration[]>;
  /** Forgets a pending create once the person checked the server's console. */
  dismissPending(environmentId: string, id: string): Promise<void>;
  /** Whether the environment's backend reports a credential's last use. */
  reportsLastUse(environmentId: string): boolean;
  /** The secret of a credential, from the keychain (for copy through main). */
  secretOf(environmentId: string, clientId: string): Promise<string>;
  /** Copies a credential's secret from the keychain to the clipboard; cleared after 30 s. */
  copySecret(environmentId: string, clientId: string): Promise<CopyOutcome>;
}

/** Builds the credential use cases over the environment's backend, the keychain and the audit log. */
export function createCredentialsService(deps: {
  readonly environmentStore: EnvironmentStore;
  readonly secrets: BoundSecrets;
  readonly tokens: TokenService;
  readonly auditRecorder: AuditRecorder;
  readonly clipboard: Pick<ClipboardGuard, 'copySecret'>;
  readonly now: () => number;
  /** The backends by kind: each environment's `credentialBackend` picks one. */
  readonly backends: Readonly<Record<CredentialBackendKind, CredentialBackend>>;
}): CredentialsService {
  const { environmentStore, secrets, tokens, auditRecorder, now } = deps;

  const backendOf = (environment: Environment): CredentialBackend =>
    deps.backends[environment.credentialBackend];

  /** The client_ids whose secret or private key (private_key_jwt) the keychain holds. */
  const heldClientIds = async (environmentId: string): Promise<ReadonlySet<string>> => {
    const accounts = await secrets.accounts();
    const held = new Set(secrets.clientIds(environmentId, accounts));
    const keys = clientKeyAccount(environmentId, '');
    for (const account of accounts) {
      if (account.startsWith(keys)) held.add(account.slice(keys.length));
    }
    return held;
  };

  const service: CredentialsService = {
    async list(environmentId) {
      const environment = environmentStore.get(environmentId);
      const [credentials, stored] = await Promise.all([
        backendOf(environment).list(environment),
        heldClientIds(environmentId),
      ]);
      const active = environmentStore.get(environmentId).activeClientId;
      return credentials.map((credential) =>
        credentialView(credential, {
          inUse: credential.clientId === active,
          secretStored: stored.has(credential.clientId),
        }),
      );
    },
    async read(environmentId, clientId) {
      const environment = environmentStore.get(environmentId);
      const credential = await backendOf(environment).read(environment, clientId);
      if (credential === null) return null;
      return credentialView(credential, {
        inUse: environment.activeClientId === clientId,
        secretStored: (await heldClientIds(environmentId)).has(clientId),
      });
    },
    async create(environmentId, input, options = {}) {
      const environment = environmentStore.get(environmentId);
      const captured = await backendOf(environment).create(environment, input, options);
      return {
        // The view of a credential whose secret was just stored and read back.
        credential: credentialView(captured.credential, {
          inUse:
            environmentStore.get(environmentId).activeClientId === captured.credential.clientId,
          secretStored: true,
        }),
        clientSecret: captured.clientSecret,
        replayed: captured.replayed,
      };
    },
    async revoke(environmentId, clientId) {
      const environment = environmentStore.get(environmentId);
      const backend = backendOf(environment);
      let outcome: 'revoked' | 'forgotten';
      try {
        outcome = await backend.revoke(environment, clientId);
      } catch (error) {
        const appError = toAppError(error);
        await auditRecorder.record({
          environmentId,
          action: 'credential.revoke',
          clientId,
          instance: instanceOf(appError),
          outcome: `failed: ${appError.kind}`,
        });
        throw error;
      }
      tokens.cache.invalidate({ environmentId, clientId });
      await secrets.deleteClientSecret(environmentId, clientId).catch(() => false);
      await backend.forget(environment, clientId).catch(() => undefined);
      await auditRecorder.record({
        environmentId,
        action: 'credential.revoke',
        clientId,
        outcome:
          outcome === 'revoked'
            ? 'revoked'
            : 'no longer registered at the server: forgotten by Keysmith',
      });
      return {
        clientId,
        tokensValidUntil: now() + MAX_TOKEN_LIFETIME_MS,
        ...(outcome === 'forgotten' ? { forgotten: true } : {}),
      };
    },
    async rename(environmentId, clientId, name) {
      const environment = environmentStore.get(environmentId);
      const backend = backendOf(environment);
      if (backend.rename === undefined) {
        const detail = `“${environment.name}” administers its credentials through the seed API, which has no rename: create a credential with the new name and rotate to it.`;
        throw new AppFailure({
          kind: 'validation',
          message: detail,
          errors: [{ param: 'name', detail }],
        });
      }
      let credential: BackendCredential;
      try {
        credential = await backend.rename(environment, clientId, name);
      } catch (error) {
        const appError = toAppError(error);
        await auditRecorder.record({
          environmentId,
          action: 'credential.rename',
          clientId,
          instance: instanceOf(appError),
          outcome: `failed: ${appError.kind}`,
        });
        throw error;
      }
      await auditRecorder.record({
        environmentId,
        action: 'credential.rename',
        clientId,
        outcome: 'renamed at the server',
      });
      const current = environmentStore.get(environmentId);
      return credentialView(credential, {
        inUse: current.activeClientId === clientId,
        secretStored: (await heldClientIds(environmentId)).has(clientId),
      });
    },
    async pending(environmentId) {
      const environment = environmentStore.get(environmentId);
      return backendOf(environment).pending(environment);
    },
    async dismissPending(environmentId, id) {
      const environment = environmentStore.get(environmentId);
      await backendOf(environment).dismissPending(environment, id);
      await auditRecorder.record({
        environmentId,
        action: 'credential.pending-dismissed',
        outcome: `pending create ${id} dismissed after a check on the server`,
      });
    },
    reportsLastUse(environmentId) {
      return backendOf(environmentStore.get(environmentId)).reportsLastUse;
    },
    async secretOf(environmentId, clientId) {
      const secret = await secrets.read(environmentStore.get(environmentId), clientId);
      if (secret === null) {
        throw new AppFailure({
          kind: 'keychain',
          reason: 'not-found',
          message: `The keychain holds no secret for ${clientId}.`,
        });
      }
      return secret;
    },
    async copySecret(environmentId, clientId) {
      return deps.clipboard.copySecret(await service.secretOf(environmentId, clientId));
    },
  };
  return service;
}

/**
 * A credential as the page sees it, field by field: whatever else the API sent or the object
 * carries (a secret, say) stays behind.
 */
export function credentialView(
  credential: BackendCredential,
  known: Pick<CredentialView, 'inUse' | 'secretStored'>,
): CredentialView {
  return {
    id: credential.id,
    clientId: credential.clientId,
    name: credential.name,
    status: credential.status,
    expiresAt: credential.expiresAt,
    createdAt: credential.createdAt,
    updatedAt: credential.updatedAt,
    lastUsedAt: credential.lastUsedAt,
    inUse: known.inUse,
    secretStored: known.secretStored,
    ...(credential.registration === undefined
      ? {}
      : {
          registration: {
            state: credential.registration.state,
            changes: credential.registration.changes,
            authMethod: credential.registration.authMethod,
            ...(credential.registration.detail === undefined
              ? {}
              : { detail: credential.registration.detail }),
          },
        }),
  };
}
