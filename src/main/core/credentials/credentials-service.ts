import type {
  CapturedCredential,
  Environment,
  CopyOutcome,
  Credential,
  CredentialView,
  NewCredential,
  RevokeOutcome,
} from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { createCredentialsApi, type CredentialsApi } from './credentials-api';
import type { EnvironmentsService } from '../environments/environments-service';
import type { IdempotencyLedger } from './idempotency-ledger';
import type { EnvironmentStore } from '../environments/environment-store';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { TokenService } from '../tokens/token-service';

/** The longest a token issued before a revoke stays valid (the API's tokens live one hour). */
export const MAX_TOKEN_LIFETIME_MS = 60 * 60_000;

/** The credential use cases of an environment: list, create with capture, revoke. */
export interface CredentialsService {
  list(environmentId: string): Promise<readonly CredentialView[]>;
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
  /** The secret of a credential, from the keychain (for copy through main). */
  secretOf(environmentId: string, clientId: string): Promise<string>;
  /** Copies a credential's secret from the keychain to the clipboard; cleared after 30 s. */
  copySecret(environmentId: string, clientId: string): Promise<CopyOutcome>;
}

/** The `instance` of a problem, for the audit log. */
function instanceOf(error: AppError): string | undefined {
  return error.kind === 'problem' ? error.problem.instance : undefined;
}

/** Builds the credential use cases over the API client, the keychain and the ledger. */
export function createCredentialsService(deps: {
  readonly environmentStore: EnvironmentStore;
  readonly secrets: BoundSecrets;
  readonly tokens: TokenService;
  readonly environments: EnvironmentsService;
  readonly ledger: IdempotencyLedger;
  readonly auditRecorder: AuditRecorder;
  readonly clipboard: Pick<ClipboardGuard, 'copySecret'>;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly apiOptions?: Partial<Parameters<typeof createCredentialsApi>[0]>;
}): CredentialsService {
  const { environmentStore, secrets, tokens, environments, ledger, auditRecorder, now } = deps;

  /** The API client of an environment; its secret headers must still be bound to it. */
  const apiFor = async (environmentId: string): Promise<CredentialsApi> => {
    const environment = environmentStore.get(environmentId);
    const { extraHeaders, secretHeaders } = await secrets.sendableHeaders(environment);
    return createCredentialsApi({
      baseUrl: environment.baseUrl,
      extraHeaders: { ...extraHeaders, ...secretHeaders },
      fetch: deps.fetch,
      getToken: async () => (await tokens.current(environmentId)).accessToken,
      invalidateToken: () => tokens.cache.invalidateEnvironment(environmentId),
      ...deps.apiOptions,
    });
  };

  /**
   * The secret of a replayed create that came without one: read back from the keychain only when
   * this app's ledger recorded that this key created this very client_id. An API that replays
   * another client_id (a compromised or confused server) gets a conflict, and no secret leaves.
   */
  const replayedSecret = async (
    environment: Environment,
    key: string,
    clientId: string,
  ): Promise<string> => {
    const recorded = await ledger.createdClientId(environment.id, key);
    if (recorded !== clientId) {
      await ledger.complete(key);
      await auditRecorder.record({
        environmentId: environment.id,
        action: 'credential.create',
        clientId,
        idempotencyKey: key,
        outcome: `refused: a replay naming a client_id this key did not create (recorded: ${recorded ?? 'none'})`,
      });
      throw new AppFailure({
        kind: 'conflict',
        message:
          `The API answered this create as a replay of ${clientId}, but ` +
          (recorded === null
            ? 'Keysmith never recorded an answer to it. '
            : `its first answer was ${recorded}. `) +
          'No stored secret is handed out on such an answer: check the credential list and revoke what you do not recognise.',
      });
    }
    const secret = await secrets.read(environment, clientId).catch(() => null);
    if (secret === null) {
      await ledger.complete(key);
      throw new AppFailure({
        kind: 'conflict',
        message:
          `The API replayed an earlier create of ${clientId} without its secret, and the keychain no longer holds it. ` +
          'The credential exists but its secret is unknown: revoke it and create a new one.',
      });
    }
    return secret;
  };

  /** The view of a credential whose secret was just stored and read back. */
  const capturedView = (environmentId: string, credential: Credential): CredentialView =>
    credentialView(credential, {
      inUse: environmentStore.get(environmentId).activeClientId === credential.clientId,
      secretStored: true,
    });

  const service: CredentialsService = {
    async list(environmentId) {
      const [credentials, stored] = await Promise.all([
        apiFor(environmentId).then((api) => api.list()),
        environments.storedClientIds(environmentId),
      ]);
      const active = environmentStore.get(environmentId).activeClientId;
      return credentials.map((credential) =>
        credentialView(credential, {
          inUse: credential.clientId === active,
          secretStored: stored.has(credential.clientId),
        }),
      );
    },
    async create(environmentId, input, options = {}) {
      const key = options.idempotencyKey ?? (await ledger.begin(environmentId, input));
      let created: Awaited<ReturnType<CredentialsApi['create']>>;
      try {
        created = await (await apiFor(environmentId)).create(input, key);
      } catch (error) {
        const appError = toAppError(error);
        await auditRecorder.record({
          environmentId,
          action: 'credential.create',
          idempotencyKey: key,
          instance: instanceOf(appError),
          outcome: `failed: ${appError.kind}`,
        });
        throw error;
      }
      const { credential, replayed } = created;
      const environment = environmentStore.get(environmentId);
      let secret = credential.clientSecret;
      if (secret !== undefined) {
        // Recorded before the secret is stored: a later replay of this key may read it back.
        await ledger.recordCreated(environmentId, key, credential.clientId);
      } else if (replayed) {
        secret = await replayedSecret(environment, key, credential.clientId);
      }
      if (secret === undefined) {
        await ledger.complete(key);
        throw new AppFailure({
          kind: 'conflict',
          message:
            `The API replayed an earlier create of ${credential.clientId} without its secret, which it no longer has. ` +
            'The credential exists but its secret is unknown: revoke it and create a new one.',
        });
      }
      try {
        await secrets.storeClientSecret(environment, credential.clientId, secret, null);
      } catch (error) {
        // The ledger keeps the key: pressing Create again replays this same credential and its secret.
        const appError = toAppError(error);
        throw new AppFailure({
          ...appError,
          message:
            `${credential.clientId} was created, but the keychain did not take its secret: ${appError.message} ` +
            'Fix the keychain, then press Create again with the same name and expiry: the API replays this same credential (no second one is made).',
        } as AppError);
      }
      await ledger.complete(key);
      await auditRecorder.record({
        environmentId,
        action: 'credential.create',
        clientId: credential.clientId,
        idempotencyKey: key,
        outcome: replayed ? 'created (replayed response)' : 'created',
      });
      return {
        credential: capturedView(environmentId, credential),
        clientSecret: secret,
        replayed,
      };
    },
    async revoke(environmentId, clientId) {
      try {
        await (await apiFor(environmentId)).revoke(clientId);
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
      await auditRecorder.record({
        environmentId,
        action: 'credential.revoke',
        clientId,
        outcome: 'revoked',
      });
      return { clientId, tokensValidUntil: now() + MAX_TOKEN_LIFETIME_MS };
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
  credential: Credential,
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
  };
}
