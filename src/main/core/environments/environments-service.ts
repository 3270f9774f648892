import type { EnvironmentFieldsDraft } from '../../../shared/environment';
import type {
  EnvironmentFields,
  Environment,
  EnvironmentView,
  TokenSet,
} from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ConfirmPort } from '../confirm/confirm-port';
import { removeEnvironmentRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import type { EventBus } from '../event-bus';
import { exchangeClientCredentials } from '../tokens/oauth';
import type { EnvironmentStore } from './environment-store';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import { tokenUrlOf, type TokenService } from '../tokens/token-service';

/** What adding an environment takes: its fields and a first credential, pasted once. */
export interface NewEnvironment extends EnvironmentFieldsDraft {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Save it as "not verified" when the API cannot be reached right now. */
  readonly saveUnverified: boolean;
}

/** The environment use cases: list, add (proven by a token exchange), edit, remove, switch. */
export interface EnvironmentsService {
  list(): Promise<readonly EnvironmentView[]>;
  view(id: string): Promise<EnvironmentView>;
  add(input: NewEnvironment): Promise<{ environment: EnvironmentView; verified: boolean }>;
  update(id: string, patch: Partial<EnvironmentFields>): Promise<EnvironmentView>;
  remove(id: string): Promise<{ removedSecrets: number }>;
  select(id: string): Promise<{ selectedId: string }>;
  selectedId(): string | null;
  storeSecret(id: string, clientId: string, clientSecret: string): Promise<EnvironmentView>;
  setActiveCredential(id: string, clientId: string): Promise<EnvironmentView>;
  /** The client_ids whose secret this environment holds in the keychain. */
  storedClientIds(id: string): Promise<ReadonlySet<string>>;
}

/** An API that could not be reached, as opposed to one that answered "no". */
function unreachable(error: AppError): boolean {
  return error.kind === 'network' || error.kind === 'timeout';
}

/** Builds the environment use cases over the stores and the token service. */
export function createEnvironmentsService(deps: {
  readonly environmentStore: EnvironmentStore;
  readonly secrets: SecretStore;
  readonly tokens: TokenService;
  readonly auditRecorder: AuditRecorder;
  readonly events: EventBus;
  /** Asks the person before a production environment and its keychain entries are removed. */
  readonly confirm: ConfirmPort;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
  /** Tells whether an environment has a rotation in progress. */
  readonly pendingRotation?: (id: string) => boolean;
}): EnvironmentsService {
  const { environmentStore, secrets, tokens, auditRecorder, events, now } = deps;

  const accounts = async (): Promise<ReadonlySet<string>> =>
    new Set(await secrets.list().catch(() => []));

  const toView = (environment: Environment, stored: ReadonlySet<string>): EnvironmentView => {
    const { createdAt: _created, updatedAt: _updated, ...rest } = environment;
    return {
      ...rest,
      hasSecret:
        environment.activeClientId !== null &&
        stored.has(secretAccount(environment.id, environment.activeClientId)),
      tokenStatus: tokens.statusOf(environment),
      pendingRotation: deps.pendingRotation?.(environment.id) ?? false,
    };
  };

  /** Proves a credential with a token exchange; unreachable APIs come back as a failure value. */
  const prove = async (
    fields: Pick<EnvironmentFields, 'baseUrl' | 'tokenUrl' | 'extraHeaders'>,
    clientId: string,
    clientSecret: string,
  ): Promise<{ token: TokenSet } | { error: AppError }> => {
    try {
      const token = await exchangeClientCredentials({
        tokenUrl: tokenUrlOf(fields),
        clientId,
        clientSecret,
        extraHeaders: fields.extraHeaders,
        fetch: deps.fetch,
        now,
      });
      return { token };
    } catch (error) {
      return { error: toAppError(error) };
    }
  };

  const changed = (reason: string): void => events.emit('environments:updated', { reason });

  const service: EnvironmentsService = {
    async list() {
      const stored = await accounts();
      return environmentStore.list().map((environment) => toView(environment, stored));
    },
    async view(id) {
      return toView(environmentStore.get(id), await accounts());
    },
    async add(input) {
      const { clientId, clientSecret, saveUnverified, ...fields } = input;
      const checked = environmentStore.validate(fields);
      const proof = await prove(checked, clientId, clientSecret);
      if ('error' in proof && !(saveUnverified && unreachable(proof.error))) {
        throw new AppFailure(proof.error);
      }
      const verified = 'token' in proof;
      const environment = await environmentStore.add({
        ...fields,
        activeClientId: clientId,
        verification: verified ? 'verified' : 'not-verified',
        autoRenew: true,
      });
      try {
        await secrets.set(secretAccount(environment.id, clientId), clientSecret);
      } catch (error) {
        // Without its secret the environment is useless: take it back out, report the keychain.
        await environmentStore.remove(environment.id);
        throw error;
      }
      if ('token' in proof) tokens.prime(environment.id, clientId, proof.token);
      await environmentStore.select(environment.id);
      await auditRecorder.record({
        environmentId: environment.id,
        action: 'environment.add',
        clientId,
        outcome: verified ? 'verified' : 'saved unverified: API unreachable',
      });
      changed('added');
      events.emit('environment:changed', { selectedId: environment.id });
      return { environment: await service.view(environment.id), verified };
    },
    async update(id, patch) {
      const before = environmentStore.get(id);
      const environment = await environmentStore.update(id, patch);
      if (
        before.baseUrl !== environment.baseUrl ||
        before.tokenUrl !== environment.tokenUrl ||
        JSON.stringify(before.extraHeaders) !== JSON.stringify(environment.extraHeaders)
      ) {
        tokens.cache.invalidateEnvironment(id);
      }
      await auditRecorder.record({ environmentId: id, action: 'environment.update' });
      changed('updated');
      return service.view(id);
    },
    async remove(id) {
      const environment = environmentStore.get(id);
      const prefix = `${id}/`;
      const accountsNow = async () =>
        [...(await secrets.list())].filter((account) => account.startsWith(prefix));
      const named = await accountsNow();
      await confirmInProduction(deps.confirm, environment, () =>
        removeEnvironmentRequest(
          environment,
          named.map((account) => account.slice(prefix.length)),
        ),
      );
      // Listed again: a secret stored while the person was deciding goes with the environment too.
      const mine = await accountsNow();
      for (const account of mine) await secrets.delete(account);
      tokens.cache.invalidateEnvironment(id);
      await environmentStore.remove(id);
      await auditRecorder.record({
        environmentId: id,
        action: 'environment.remove',
        outcome: `“${environment.name}” removed with ${mine.length} keychain entr${mine.length === 1 ? 'y' : 'ies'}`,
      });
      changed('removed');
      const selectedId = environmentStore.selectedId();
      if (selectedId !== null) events.emit('environment:changed', { selectedId });
      return { removedSecrets: mine.length };
    },
    async select(id) {
      environmentStore.get(id);
      await environmentStore.select(id);
      events.emit('environment:changed', { selectedId: id });
      return { selectedId: id };
    },
    selectedId: () => environmentStore.selectedId(),
    async storeSecret(id, clientId, clientSecret) {
      const environment = environmentStore.get(id);
      const proof = await prove(environment, clientId, clientSecret);
      if ('error' in proof && !unreachable(proof.error)) throw new AppFailure(proof.error);
      await secrets.set(secretAccount(id, clientId), clientSecret);
      tokens.cache.invalidate({ environmentId: id, clientId });
      if ('token' in proof) tokens.prime(id, clientId, proof.token);
      if (environment.activeClientId === clientId) {
        await environmentStore.update(id, {
          verification: 'token' in proof ? 'verified' : 'not-verified',
        });
      }
      await auditRecorder.record({
        environmentId: id,
        action: 'secret.store',
        clientId,
        outcome: 'token' in proof ? 'verified' : 'stored unverified: API unreachable',
      });
      changed('secret stored');
      return service.view(id);
    },
    async setActiveCredential(id, clientId) {
      const environment = environmentStore.get(id);
      if (environment.activeClientId === clientId) return service.view(id);
      const secret = await secrets.get(secretAccount(id, clientId));
      if (secret === null) {
        throw new AppFailure({
          kind: 'validation',
          message: `The keychain holds no secret for ${clientId} in “${environment.name}”: paste its secret first.`,
          errors: [{ param: 'clientSecret', detail: 'No secret stored for this client_id.' }],
        });
      }
      if (environment.activeClientId !== null) {
        tokens.cache.invalidate({ environmentId: id, clientId: environment.activeClientId });
      }
      await environmentStore.update(id, { activeClientId: clientId, verification: 'verified' });
      await auditRecorder.record({ environmentId: id, action: 'credential.activate', clientId });
      changed('active credential');
      return service.view(id);
    },
    async storedClientIds(id) {
      const prefix = `${id}/`;
      return new Set(
        [...(await accounts())]
          .filter((a) => a.startsWith(prefix))
          .map((a) => a.slice(prefix.length)),
      );
    },
  };
  return service;
}
