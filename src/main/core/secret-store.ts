import { AppFailure, type KeychainReason } from '../../shared/errors';
import type { KeychainStatus } from '../../shared/ipc/channels/app';

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
  if (
    /d-bus|dbus|secret service|org\.freedesktop\.secrets|no such interface|autolaunch|cannot load|keytar\.node|module/.test(
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
  const run = async <T>(operation: (k: KeytarApi) => Promise<T>): Promise<T> => {
    try {
      return await operation(await api());
    } catch (error) {
      throw keychainFailure(error);
    }
  };
  return {
    get: (account) => run((k) => k.getPassword(service, account)),
    async set(account, secret) {
      await run(async (k) => {
        await k.setPassword(service, account, secret);
        const readBack = await k.getPassword(service, account);
        if (readBack !== secret) {
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
    list: () => run(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
    async probe() {
      try {
        await run((k) => k.findCredentials(service));
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
