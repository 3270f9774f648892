import type { Environment, SecretState } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import {
  bindingChanges,
  bindingOf,
  openSecret,
  sealSecret,
  type SecretBinding,
} from './secret-binding';
import { initialAccessTokens, type Registering } from './initial-access-token';
import {
  isReservedClientId,
  namespacedAccount,
  SECRET_NAMESPACES,
  secretAccount,
  type SecretStore,
} from './secret-store';

/** What a request to an environment may carry, every value checked against its binding. */
export interface SendableHeaders {
  /** The plain extra headers, from the environment. */
  readonly extraHeaders: Readonly<Record<string, string>>;
  /** The secret headers' values, from the keychain. */
  readonly secretHeaders: Readonly<Record<string, string>>;
}

/** The client secret and headers a token request may send. */
export interface SendableCredentials extends SendableHeaders {
  readonly clientSecret: string;
}

/** The facts about an environment's secrets the renderer shows (never a secret). */
export interface SecretFacts {
  readonly secretState: SecretState;
  readonly secretHeadersToPaste: readonly string[];
}

/** The environment as the binding needs it. */
export type Bindable = Pick<
  Environment,
  'id' | 'name' | 'baseUrl' | 'tokenUrl' | 'kind' | 'extraHeaders' | 'secretHeaders'
>;

/**
 * The secrets of environments as main may use them: each bound to the endpoints and kind it was
 * proven against. Every path that sends a secret (token requests, proofs, rotation checks, API
 * calls with secret headers) gets it from `sendable` / `sendableHeaders`, which refuse once the
 * environment points elsewhere or changed kind; pasting the secret again rebinds it.
 */
export interface BoundSecrets {
  /** The active credential's secret and the headers, for a token request; refuses when any is bound elsewhere. */
  sendable(environment: Bindable, clientId: string): Promise<SendableCredentials>;
  /** The headers, secret ones included, for any request; refuses when a secret one is bound elsewhere. */
  sendableHeaders(environment: Bindable): Promise<SendableHeaders>;
  /** Stores a client secret bound to the environment as it is now (`provenAt`: when a token exchange proved it). */
  storeClientSecret(
    environment: Bindable,
    clientId: string,
    secret: string,
    provenAt: number | null,
  ): Promise<void>;
  /** Stores a secret header's value bound to the environment as it is now. */
  storeHeader(environment: Bindable, name: string, value: string): Promise<void>;
  deleteHeader(environmentId: string, name: string): Promise<void>;
  deleteClientSecret(environmentId: string, clientId: string): Promise<boolean>;
  /** Deletes every keychain entry of the environment; resolves to how many there were. */
  removeEnvironment(environmentId: string): Promise<number>;
  /** A client secret wherever it is bound: for copying through main and replays, never for sending. */
  read(environment: Bindable, clientId: string): Promise<string | null>;
  has(environmentId: string, clientId: string): Promise<boolean>;
  /**
   * Binds the environment's plain (pre-binding) entries to it as it is now. Called before an edit
   * changes the binding, so a legacy secret is never bound to the edited endpoint.
   */
  seal(environment: Bindable): Promise<void>;
  /**
   * The environment's initial access token (RFC 7591 §3) for a registration request; null when
   * there is none, or when it was entered for another registration endpoint (origin) or kind.
   */
  initialAccessToken(environment: Registering): Promise<string | null>;
  /** Stores the initial access token bound to the registration endpoint (origin) and kind as they are now. */
  storeInitialAccessToken(environment: Registering, token: string): Promise<void>;
  deleteInitialAccessToken(environmentId: string): Promise<boolean>;
  /** Whether an initial access token is stored, and whether it may still be sent. */
  initialAccessTokenState(environment: Registering): Promise<SecretState>;
  /** Every keychain account (empty when the keychain cannot be listed). */
  accounts(): Promise<ReadonlySet<string>>;
  /** The client_ids whose secret the environment holds, among the listed accounts. */
  clientIds(environmentId: string, accounts: ReadonlySet<string>): ReadonlySet<string>;
  /** Whether the active secret (or private key) and the secret headers can be sent, for the view. */
  factsOf(
    environment: Bindable & Pick<Environment, 'activeClientId' | 'clientAuth'>,
    accounts: ReadonlySet<string>,
  ): Promise<SecretFacts>;
}

/** The keychain account of a secret header (names ignore case). */
export function secretHeaderAccount(environmentId: string, name: string): string {
  return namespacedAccount(environmentId, 'header', name.toLowerCase());
}

const sameBinding = (a: SecretBinding, b: SecretBinding): boolean =>
  bindingChanges(a, b).length === 0;

/** Builds the bound secrets over the keychain (the one SecretStore main writes secrets through). */
export function createBoundSecrets(store: SecretStore): BoundSecrets {
  /** Bindings seen (never secrets), so the view need not read the keychain every time. */
  const bindings = new Map<string, SecretBinding>();

  /** The envelope of an account; a plain entry is bound to `environment` now and rewritten so. */
  const openAt = async (environment: Bindable, account: string) => {
    const stored = await store.get(account);
    if (stored === null) {
      bindings.delete(account);
      return null;
    }
    const envelope = openSecret(stored);
    const binding = envelope ?? bindingOf(environment);
    if (envelope === null) await store.set(account, sealSecret(stored, binding, null));
    bindings.set(account, binding);
    return { secret: envelope?.secret ?? stored, binding };
  };

  const write = async (
    environment: Bindable,
    account: string,
    secret: string,
    provenAt: number | null,
    binding = bindingOf(environment),
  ) => {
    await store.set(account, sealSecret(secret, binding, provenAt));
    bindings.set(account, binding);
  };

  const remove = async (account: string): Promise<boolean> => {
    bindings.delete(account);
    return store.delete(account);
  };

  /**
   * The secret of an account if it may be sent to the environment as it is now; else a failure
   * that says why (`what`: "The secret of X was proven", and so on).
   */
  const sendableAt = async (
    environment: Bindable,
    account: string,
    what: string,
    missing: string,
  ): Promise<string> => {
    const found = await openAt(environment, account);
    if (found === null) {
      throw new AppFailure({ kind: 'keychain', reason: 'not-found', message: missing });
    }
    const changes = bindingChanges(found.binding, bindingOf(environment));
    if (changes.length > 0) {
      throw new AppFailure({
        kind: 'conflict',
        message:
          `${what} for another endpoint or kind than “${environment.name}” has now ` +
          `(${changes.join('; ')}). Keysmith sends it nowhere until you paste it again in the ` +
          'environment’s form: it is then proven against the new endpoint.',
      });
    }
    return found.secret;
  };

  /**
   * The account of a client's secret, or null for a client_id in a namespace (`key/…`,
   * `dcr/…`, `header/…`): no client-secret path may read, send, copy or delete those entries.
   */
  const clientAccount = (environmentId: string, clientId: string): string | null =>
    isReservedClientId(clientId) ? null : secretAccount(environmentId, clientId);

  const service: BoundSecrets = {
    async sendable(environment, clientId) {
      const missing = `No secret for ${clientId} is in the keychain for “${environment.name}”. Edit the environment and paste it again.`;
      const account = clientAccount(environment.id, clientId);
      // A namespaced id is looked up nowhere: it reads as "no secret".
      if (account === null) {
        throw new AppFailure({ kind: 'keychain', reason: 'not-found', message: missing });
      }
      const clientSecret = await sendableAt(
        environment,
        account,
        `The secret of ${clientId} was proven`,
        missing,
      );
      return { clientSecret, ...(await service.sendableHeaders(environment)) };
    },
    async sendableHeaders(environment) {
      const secretHeaders: Record<string, string> = {};
      for (const name of environment.secretHeaders) {
        secretHeaders[name] = await sendableAt(
          environment,
          secretHeaderAccount(environment.id, name),
          `The value of the secret header ${name} was entered`,
          `The keychain holds no value for the secret header ${name} of “${environment.name}”. Edit the environment and enter it again.`,
        );
      }
      return { extraHeaders: environment.extraHeaders, secretHeaders };
    },
    async storeClientSecret(environment, clientId, secret, provenAt) {
      if (isReservedClientId(clientId)) {
        const detail = `A client_id cannot start with ${SECRET_NAMESPACES.map((n) => `“${n}/”`).join(', ')}.`;
        throw new AppFailure({
          kind: 'validation',
          message: detail,
          errors: [{ param: 'clientId', detail }],
        });
      }
      await write(environment, secretAccount(environment.id, clientId), secret, provenAt);
    },
    storeHeader: (environment, name, value) =>
      write(environment, secretHeaderAccount(environment.id, name), value, null),
    async deleteHeader(environmentId, name) {
      await remove(secretHeaderAccount(environmentId, name));
    },
    async deleteClientSecret(environmentId, clientId) {
      const account = clientAccount(environmentId, clientId);
      return account === null ? false : remove(account);
    },
    async removeEnvironment(environmentId) {
      const prefix = `${environmentId}/`;
      const mine = [...(await store.list())].filter((account) => account.startsWith(prefix));
      for (const account of mine) await remove(account);
      return mine.length;
    },
    async read(environment, clientId) {
      const account = clientAccount(environment.id, clientId);
      return account === null ? null : ((await openAt(environment, account))?.secret ?? null);
    },
    async has(environmentId, clientId) {
      const account = clientAccount(environmentId, clientId);
      return account !== null && (await store.get(account)) !== null;
    },
    async seal(environment) {
      const prefix = `${environment.id}/`;
      for (const account of await store.list()) {
        if (account.startsWith(prefix)) await openAt(environment, account);
      }
    },
    ...initialAccessTokens(store, { write, remove }),
    accounts: async () => new Set(await store.list().catch(() => [])),
    clientIds(environmentId, accounts) {
      const prefix = `${environmentId}/`;
      return new Set(
        [...accounts]
          .filter((account) => account.startsWith(prefix))
          .map((account) => account.slice(prefix.length))
          .filter((clientId) => !isReservedClientId(clientId)),
      );
    },
    async factsOf(environment, accounts) {
      const now = bindingOf(environment);
      const fresh = async (account: string): Promise<boolean> => {
        if (!accounts.has(account)) return false;
        const binding =
          bindings.get(account) ?? (await openAt(environment, account).catch(() => null))?.binding;
        return binding !== undefined && sameBinding(binding, now);
      };
      const active = environment.activeClientId;
      // A private_key_jwt client holds a private key, not a secret.
      const account =
        active === null
          ? null
          : environment.clientAuth === 'private_key_jwt'
            ? namespacedAccount(environment.id, 'key', active)
            : secretAccount(environment.id, active);
      const secretState: SecretState =
        account === null || !accounts.has(account)
          ? 'missing'
          : (await fresh(account))
            ? 'bound'
            : 'needs-proof';
      const secretHeadersToPaste: string[] = [];
      for (const name of environment.secretHeaders) {
        if (!(await fresh(secretHeaderAccount(environment.id, name)))) {
          secretHeadersToPaste.push(name);
        }
      }
      return { secretState, secretHeadersToPaste };
    },
  };
  return service;
}
