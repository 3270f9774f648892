import type { EnvironmentFieldsDraft } from '../../../shared/environment';
import type { Environment, EnvironmentFields, EnvironmentView } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ConfirmPort } from '../confirm/confirm-port';
import { rebindEnvironmentRequest, removeEnvironmentRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import type { EventBus } from '../event-bus';
import type { EnvironmentStore } from './environment-store';
import { checkSecretHeaderValues } from './environment-schema';
import { requestsChanged, setFields, updateOutcome } from './environment-edit';
import type { BoundSecrets } from '../secrets/bound-secrets';
import { bindingChanges, bindingOf } from '../secrets/secret-binding';
import type { ClientKeyAlg, ClientKeys } from '../tokens/client-keys';
import type { TokenService } from '../tokens/token-service';
import { checkSecretFor, proveSecret, unreachable } from './environment-proof';
import { environmentView } from './environment-view';

/**
 * What adding an environment takes: its fields and a first credential, pasted once (a
 * private_key_jwt client brings no secret: Keysmith makes its key).
 */
export interface NewEnvironment extends EnvironmentFieldsDraft {
  readonly clientId: string;
  /** Empty (or left out) for a private_key_jwt client. */
  readonly clientSecret?: string;
  /** private_key_jwt: the algorithm of the key Keysmith makes for the client (ES256 unless said). */
  readonly clientKeyAlg?: ClientKeyAlg;
  /** The initial access token client registration needs (RFC 7591 §3), for the keychain only. */
  readonly initialAccessToken?: string;
  /** Save it as "not verified" when the API cannot be reached right now. */
  readonly saveUnverified: boolean;
  /** The values of the secret headers (every one of them), for the keychain only. */
  readonly secretHeaderValues?: Readonly<Record<string, string>>;
}

/** The environment use cases: list, add (proven by a token exchange), edit, remove, switch. */
export interface EnvironmentsService {
  list(): Promise<readonly EnvironmentView[]>;
  view(id: string): Promise<EnvironmentView>;
  add(input: NewEnvironment): Promise<{ environment: EnvironmentView; verified: boolean }>;
  /**
   * Edits fields; `secretHeaderValues` sets secret headers' values (new ones need one). An edit
   * that moves the token endpoint, the API or the kind leaves every secret of the environment
   * unsendable until it is pasted again.
   */
  update(
    id: string,
    patch: Partial<EnvironmentFields>,
    secretHeaderValues?: Readonly<Record<string, string>>,
    /** A new initial access token; null deletes the stored one; left out keeps it. */
    initialAccessToken?: string | null,
  ): Promise<EnvironmentView>;
  remove(id: string): Promise<{ removedSecrets: number }>;
  select(id: string): Promise<{ selectedId: string }>;
  selectedId(): string | null;
  /** Proves a pasted secret against the environment's endpoint as it is now, and binds it there. */
  storeSecret(id: string, clientId: string, clientSecret: string): Promise<EnvironmentView>;
  setActiveCredential(id: string, clientId: string): Promise<EnvironmentView>;
  /** The client_ids whose secret this environment holds in the keychain. */
  storedClientIds(id: string): Promise<ReadonlySet<string>>;
}

/** Builds the environment use cases over the stores and the token service. */
export function createEnvironmentsService(deps: {
  readonly environmentStore: EnvironmentStore;
  readonly secrets: BoundSecrets;
  readonly tokens: TokenService;
  /** The private_key_jwt keys: made when such an environment is added. */
  readonly clientKeys: Pick<ClientKeys, 'generate' | 'state'>;
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

  const toView = (environment: Environment, stored: ReadonlySet<string>) =>
    environmentView(environment, stored, {
      secrets,
      tokens,
      pendingRotation: deps.pendingRotation,
    });
  const proofOptions = { fetch: deps.fetch, now };

  const changed = (reason: string): void => events.emit('environments:updated', { reason });

  const service: EnvironmentsService = {
    async list() {
      const stored = await secrets.accounts();
      const views: EnvironmentView[] = [];
      for (const environment of environmentStore.list()) {
        views.push(await toView(environment, stored));
      }
      return views;
    },
    async view(id) {
      return toView(environmentStore.get(id), await secrets.accounts());
    },
    async add(input) {
      const {
        clientId,
        clientSecret = '',
        clientKeyAlg = 'ES256',
        initialAccessToken,
        saveUnverified,
        secretHeaderValues = {},
        ...fields
      } = input;
      const checked = environmentStore.validate(fields);
      const headerValues = checkSecretHeaderValues(checked.secretHeaders, secretHeaderValues, []);
      checkSecretFor(checked, clientSecret);
      // A private_key_jwt client can prove nothing yet: the server learns its key after this.
      const usesKey = checked.clientAuth === 'private_key_jwt';
      const proof = usesKey
        ? null
        : await proveSecret(
            checked,
            clientId,
            clientSecret,
            { extraHeaders: checked.extraHeaders, secretHeaders: headerValues },
            proofOptions,
          );
      if (proof !== null && 'error' in proof && !(saveUnverified && unreachable(proof.error))) {
        throw new AppFailure(proof.error);
      }
      const verified = proof !== null && 'token' in proof;
      const environment = await environmentStore.add({
        ...fields,
        activeClientId: clientId,
        verification: verified ? 'verified' : 'not-verified',
        autoRenew: true,
      });
      try {
        if (!usesKey) {
          await secrets.storeClientSecret(
            environment,
            clientId,
            clientSecret,
            verified ? now() : null,
          );
        }
        for (const [name, value] of Object.entries(headerValues)) {
          await secrets.storeHeader(environment, name, value);
        }
        if (initialAccessToken) {
          await secrets.storeInitialAccessToken(environment, initialAccessToken);
        }
        if (usesKey) await deps.clientKeys.generate(environment, clientId, clientKeyAlg);
      } catch (error) {
        // Without its secrets the environment is useless: take it back out, report the keychain.
        await secrets.removeEnvironment(environment.id).catch(() => 0);
        await environmentStore.remove(environment.id);
        throw error;
      }
      if (proof !== null && 'token' in proof) {
        tokens.prime(environment.id, clientId, proof.token, proof.request);
      }
      await environmentStore.select(environment.id);
      await auditRecorder.record({
        environmentId: environment.id,
        action: 'environment.add',
        clientId,
        outcome: usesKey
          ? `saved with a new ${clientKeyAlg} key for private_key_jwt: not verified until the server has its public key`
          : verified
            ? 'verified'
            : 'saved unverified: API unreachable',
      });
      changed('added');
      events.emit('environment:changed', { selectedId: environment.id });
      return { environment: await service.view(environment.id), verified };
    },
    async update(id, patch, secretHeaderValues = {}, initialAccessToken) {
      const before = environmentStore.get(id);
      const next = environmentStore.validate({ ...before, ...setFields(patch) }, id);
      const headerValues = checkSecretHeaderValues(
        next.secretHeaders,
        secretHeaderValues,
        before.secretHeaders,
      );
      const changes = bindingChanges(bindingOf(before), bindingOf(next));
      // Repointing production, or making it another kind, is the person's decision, not the page's.
      if (changes.length > 0) {
        await confirmInProduction(deps.confirm, before, () =>
          rebindEnvironmentRequest(before, changes, next.kind !== 'production'),
        );
      }
      // A secret stored before bindings existed is bound to where it was used, not to the edit.
      if (changes.length > 0) await secrets.seal(before);
      const environment = await environmentStore.update(id, patch);
      for (const [name, value] of Object.entries(headerValues)) {
        await secrets.storeHeader(environment, name, value);
      }
      const kept = new Set(environment.secretHeaders.map((name) => name.toLowerCase()));
      const removed = before.secretHeaders.filter((name) => !kept.has(name.toLowerCase()));
      for (const name of removed) await secrets.deleteHeader(id, name);
      if (initialAccessToken === null) await secrets.deleteInitialAccessToken(id);
      else if (initialAccessToken !== undefined) {
        await secrets.storeInitialAccessToken(environment, initialAccessToken);
      }
      if (requestsChanged(before, environment) || Object.keys(headerValues).length > 0) {
        tokens.cache.invalidateEnvironment(id);
      }
      await auditRecorder.record({
        environmentId: id,
        action: 'environment.update',
        outcome: updateOutcome(changes, Object.keys(headerValues), removed),
      });
      changed('updated');
      return service.view(id);
    },
    async remove(id) {
      const environment = environmentStore.get(id);
      const clientIds = secrets.clientIds(id, await secrets.accounts());
      await confirmInProduction(deps.confirm, environment, () =>
        removeEnvironmentRequest(environment, [...clientIds]),
      );
      // Listed after the answer: a secret stored while the person was deciding goes too.
      const removedSecrets = await secrets.removeEnvironment(id);
      tokens.cache.invalidateEnvironment(id);
      await environmentStore.remove(id);
      await auditRecorder.record({
        environmentId: id,
        action: 'environment.remove',
        outcome: `“${environment.name}” removed with ${removedSecrets} keychain entr${removedSecrets === 1 ? 'y' : 'ies'}`,
      });
      changed('removed');
      const selectedId = environmentStore.selectedId();
      if (selectedId !== null) events.emit('environment:changed', { selectedId });
      return { removedSecrets };
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
      checkSecretFor(environment, clientSecret);
      // The proof sends the secret headers too: each must still be bound to this endpoint.
      const headers = await secrets.sendableHeaders(environment);
      const proof = await proveSecret(environment, clientId, clientSecret, headers, proofOptions);
      if ('error' in proof && !unreachable(proof.error)) throw new AppFailure(proof.error);
      // An unproven secret never replaces a stored production one: the stored one may be the only copy.
      if (
        'error' in proof &&
        environment.kind === 'production' &&
        (await secrets.has(id, clientId))
      ) {
        throw new AppFailure({
          kind: 'conflict',
          message: `${proof.error.message} The keychain already holds a secret for ${clientId} in “${environment.name}”: Keysmith replaces a production secret only with one the API has accepted. Try again when the API can be reached.`,
        });
      }
      await secrets.storeClientSecret(
        environment,
        clientId,
        clientSecret,
        'token' in proof ? now() : null,
      );
      tokens.cache.invalidate({ environmentId: id, clientId });
      if ('token' in proof) tokens.prime(id, clientId, proof.token, proof.request);
      if (environment.activeClientId === clientId) {
        await environmentStore.update(id, {
          verification: 'token' in proof ? 'verified' : 'not-verified',
        });
      }
      await auditRecorder.record({
        environmentId: id,
        action: 'secret.store',
        clientId,
        outcome: `${'token' in proof ? 'verified' : 'stored unverified: API unreachable'}; sent only to ${bindingOf(environment).tokenOrigin} (${environment.kind})`,
      });
      changed('secret stored');
      return service.view(id);
    },
    async setActiveCredential(id, clientId) {
      const environment = environmentStore.get(id);
      if (environment.activeClientId === clientId) return service.view(id);
      if (environment.clientAuth === 'private_key_jwt') {
        if ((await deps.clientKeys.state(environment, clientId)) === 'missing') {
          throw new AppFailure({
            kind: 'validation',
            message: `The keychain holds no private key for ${clientId} in “${environment.name}”: generate one first.`,
            errors: [{ param: 'clientId', detail: 'No private key stored for this client_id.' }],
          });
        }
      } else if (!(await secrets.has(id, clientId))) {
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
      return secrets.clientIds(id, await secrets.accounts());
    },
  };
  return service;
}
