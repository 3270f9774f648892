import { AppFailure, type KeychainReason } from '../../../shared/errors';
import type { KeychainStatus } from '../../../shared/domain';
import { createSerialQueue } from '../files/serial-queue';

/** The port through which core reads and writes secrets: only the OS keychain implements it. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  /** Writes the secret and reads it back; resolves only once the keychain really holds it. */
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  list(): Promise<readonly string[]>;
  /** Says whether the keychain can be used now, without throwing. */
  probe(): Promise<KeychainStatus>;
}

/** The subset of the keytar API the adapter uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** The keychain account under which an environment's client secret is stored. */
export function secretAccount(environmentId: string, clientId: string): string {
  return `${environmentId}/${clientId}`;
}

/**
 * The namespaces inside an environment's accounts that hold no client secret: secret header
 * values (`header/`), private keys of private_key_jwt clients (`key/`) and Dynamic Client
 * Registration tokens (`dcr/`). A client_id may not start with one of them.
 */
export const SECRET_NAMESPACES = ['header', 'key', 'dcr'] as const;

/** A namespace of an environment's accounts that holds no client secret. */
export type SecretNamespace = (typeof SECRET_NAMESPACES)[number];

/** The keychain account of an environment's secret that is not a client secret: `<environmentId>/<namespace>/<name>`. */
export function namespacedAccount(
  environmentId: string,
  namespace: SecretNamespace,
  name: string,
): string {
  return `${environmentId}/${namespace}/${name}`;
}

/** True when a client_id would land in a namespace (`header/…`, `key/…`, `dcr/…`): refused. */
export function isReservedClientId(clientId: string): boolean {
  return SECRET_NAMESPACES.some((namespace) => clientId.startsWith(`${namespace}/`));
}

/**
 * True for an account that holds a credential's secret (`<environmentId>/<clientId>`). Accounts
 * without a `/` are reserved for Keysmith's own entries (the audit key and anchor), so the two
 * can never collide.
 */
export function isCredentialAccount(account: string): boolean {
  return account.includes('/');
}

/** Maps a raw keychain failure to a reason and a message a person can act on. */
export function describeKeychainFailure(error: unknown): {
  reason: KeychainReason;
  message: string;
} {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw.toLowerCase();
  if (/locked|unlock/.test(text)) {
    return {
      reason: 'locked',
      message: 'The OS keychain is locked. Unlock it (log in to your keyring), then try again.',
    };
  }
  if (/dismissed|denied|cancel|not allowed|permission|user interaction/.test(text)) {
    return {
      reason: 'denied',
      message:
        'Access to the OS keychain was denied. Allow Keysmith in the keychain prompt, then try again.',
    };
  }
  if (/object does not exist at path|no such object/.test(text) && /collection/.test(text)) {
    return {
      reason: 'unavailable',
      message:
        'The Secret Service has no usable default keyring (the "login" collection is missing and could not be created). ' +
        'Create or unlock a default keyring (e.g. in Passwords and Keys / Seahorse), then try again.',
    };
  }
  if (
    /d-bus|dbus|secret service|org\.freedesktop\.secrets|no such interface|autolaunch|could not connect|cannot load|keytar\.node|module/.test(
      text,
    )
  ) {
    return {
      reason: 'unavailable',
      message:
        'No OS keychain is reachable (on Linux: no Secret Service such as gnome-keyring or KWallet on the session bus). ' +
        'Start one and try again; Keysmith never stores secrets in plain files.',
    };
  }
  return { reason: 'unknown', message: `The OS keychain failed: ${raw.slice(0, 200)}` };
}

function keychainFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  const { reason, message } = describeKeychainFailure(error);
  return new AppFailure({ kind: 'keychain', reason, message });
}

/** The account of the throwaway entry that proves the keychain is unlocked. */
const PROBE_ACCOUNT = '.keysmith-unlock-probe';

/** Loads @github/keytar lazily, so a missing native module becomes a keychain error, not a crash at start. */
export async function loadKeytar(): Promise<KeytarApi> {
  const module = (await import('@github/keytar')) as { default?: KeytarApi } & KeytarApi;
  return module.default ?? module;
}

/** The SecretStore backed by the OS keychain through keytar, under one service name. */
export function createKeytarSecretStore(
  service: string,
  load: () => Promise<KeytarApi> = loadKeytar,
): SecretStore {
  let keytar: Promise<KeytarApi> | null = null;
  const api = (): Promise<KeytarApi> => (keytar ??= load());
  // One keychain operation at a time: keytar's findCredentials crashes the process when an item
  // it is enumerating is deleted meanwhile (libsecret hands it a NULL secret), and the unlock
  // probe below writes and deletes an item, so concurrent calls must never interleave.
  const serial = createSerialQueue();
  const run = <T>(operation: (k: KeytarApi) => Promise<T>): Promise<T> =>
    serial(async () => {
      try {
        return await operation(await api());
      } catch (error) {
        throw keychainFailure(error);
      }
    });
  /**
   * Proves the keychain is unlocked with a throwaway write. Needed because on a locked Secret
   * Service keytar's findCredentials crashes the process (atom/node-keytar#477) and
   * getPassword answers null as if nothing were stored.
   */
  const assertUnlocked = async (k: KeytarApi): Promise<void> => {
    await k.setPassword(service, PROBE_ACCOUNT, 'probe');
    await k.deletePassword(service, PROBE_ACCOUNT);
  };
  return {
    get: (account) =>
      run(async (k) => {
        const secret = await k.getPassword(service, account);
        if (secret === null) await assertUnlocked(k);
        return secret;
      }),
    async set(account, secret) {
      await run(async (k) => {
        await k.setPassword(service, account, secret);
        const readBack = await k.getPassword(service, account);
        if (readBack !== secret) {
          // Whatever the keychain kept is not the secret: do not leave a wrong value behind.
          await k.deletePassword(service, account).catch(() => false);
          throw new AppFailure({
            kind: 'keychain',
            reason: 'unknown',
            message:
              'The OS keychain did not keep the secret (read-back differed). Nothing was saved.',
          });
        }
      });
    },
    delete: (account) => run((k) => k.deletePassword(service, account)),
    list: () =>
      run(async (k) => {
        await assertUnlocked(k);
        const found = await k.findCredentials(service);
        return found.map((c) => c.account).filter((account) => account !== PROBE_ACCOUNT);
      }),
    async probe() {
      try {
        await run(assertUnlocked);
        return { available: true, backend: keychainBackendName() };
      } catch (error) {
        const failure = keychainFailure(error).appError;
        return failure.kind === 'keychain'
          ? { available: false, reason: failure.reason, message: failure.message }
          : { available: false, reason: 'unknown', message: failure.message };
      }
    },
  };
}

function keychainBackendName(): string {
  switch (process.platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service (libsecret)';
  }
}
