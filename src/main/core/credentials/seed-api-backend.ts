import { CREDENTIAL_BACKEND_TRAITS } from '../../../shared/credential-backends';
import type { Environment } from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { TokenService } from '../tokens/token-service';
import type { BackendCapture, CredentialBackend } from './credential-backend';
import { createCredentialsApi, type CredentialsApi } from './credentials-api';
import type { IdempotencyLedger } from './idempotency-ledger';

/** The `instance` of a problem, for the audit log. */
export function instanceOf(error: AppError): string | undefined {
  return error.kind === 'problem' ? error.problem.instance : undefined;
}

/** What the seed API backend is built over. */
export interface SeedApiBackendDeps {
  readonly secrets: BoundSecrets;
  readonly tokens: Pick<TokenService, 'current' | 'cache'>;
  readonly ledger: IdempotencyLedger;
  readonly auditRecorder: AuditRecorder;
  readonly fetch?: typeof fetch;
  readonly apiOptions?: Partial<Parameters<typeof createCredentialsApi>[0]>;
}

/**
 * The seed API's `/auth/credentials` as a credential backend: list with the Bearer token, create
 * with a persisted Idempotency-Key (a lost answer is replayed, never doubled), revoke.
 */
export function createSeedApiBackend(deps: SeedApiBackendDeps): CredentialBackend {
  const { secrets, tokens, ledger, auditRecorder } = deps;

  /** The API client of an environment; its secret headers must still be bound to it. */
  const apiFor = async (environment: Environment): Promise<CredentialsApi> => {
    const { extraHeaders, secretHeaders } = await secrets.sendableHeaders(environment);
    return createCredentialsApi({
      baseUrl: environment.baseUrl,
      extraHeaders: { ...extraHeaders, ...secretHeaders },
      fetch: deps.fetch,
      getToken: async () => (await tokens.current(environment.id)).accessToken,
      invalidateToken: () => tokens.cache.invalidateEnvironment(environment.id),
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

  return {
    kind: 'seed-api',
    reportsLastUse: CREDENTIAL_BACKEND_TRAITS['seed-api'].reportsLastUse,
    async list(environment) {
      return (await apiFor(environment)).list();
    },
    async read(environment, clientId) {
      const listed = await (await apiFor(environment)).list();
      return listed.find((credential) => credential.clientId === clientId) ?? null;
    },
    async create(environment, input, options): Promise<BackendCapture> {
      const environmentId = environment.id;
      const body = { name: input.name, expiresAt: input.expiresAt };
      const key = options.idempotencyKey ?? (await ledger.begin(environmentId, body));
      let created: Awaited<ReturnType<CredentialsApi['create']>>;
      try {
        created = await (await apiFor(environment)).create(body, key);
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
      const { clientSecret: _sent, ...listed } = credential;
      return { credential: listed, clientSecret: secret, replayed };
    },
    async revoke(environment, clientId) {
      await (await apiFor(environment)).revoke(clientId);
      return 'revoked';
    },
    forget: async () => undefined,
    pending: async () => [],
    dismissPending: async () => undefined,
  };
}
