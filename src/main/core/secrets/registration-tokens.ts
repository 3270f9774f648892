import type { Environment } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { openSecret, sealSecret } from './secret-binding';
import { namespacedAccount, type SecretStore } from './secret-store';

/** The keychain account of a DCR client's registration access token (RFC 7592 §1). */
export function registrationTokenAccount(environmentId: string, clientId: string): string {
  return namespacedAccount(environmentId, 'dcr', `registration/${clientId}`);
}

/** The environment as the binding of a registration access token needs it. */
type Bindable = Pick<Environment, 'id' | 'name' | 'kind' | 'registrationUrl'>;

/** The origin of a URL, or null when it does not parse. */
function originOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The registration access tokens of DCR clients, in the keychain only. Each is bound to the
 * origin of the registration endpoint it came from and the environment's kind then: it is handed
 * out only for a request to its client's configuration URI on that same origin, while the
 * environment still registers there. Nothing here ever returns a token to the page.
 */
export interface RegistrationTokens {
  /** Stores a client's token bound to the environment's registration endpoint now (read back). */
  store(environment: Bindable, clientId: string, token: string): Promise<void>;
  /**
   * The token, for a request to `clientUri`; refuses (`conflict`) when the environment or the
   * URI no longer points at the origin it is bound to, or the kind changed; `keychain
   * not-found` when there is none.
   */
  sendable(environment: Bindable, clientId: string, clientUri: string): Promise<string>;
  /** Deletes a client's token (unknown ones are ignored). */
  delete(environmentId: string, clientId: string): Promise<void>;
}

/** Builds the registration access tokens over the keychain. */
export function createRegistrationTokens(store: SecretStore): RegistrationTokens {
  return {
    async store(environment, clientId, token) {
      const origin = originOf(environment.registrationUrl);
      if (origin === null) {
        throw new AppFailure({
          kind: 'validation',
          message: `“${environment.name}” has no registration endpoint.`,
          errors: [{ param: 'registrationUrl', detail: 'Enter the registration endpoint.' }],
        });
      }
      const binding = { tokenOrigin: origin, apiOrigin: origin, kind: environment.kind };
      await store.set(
        registrationTokenAccount(environment.id, clientId),
        sealSecret(token, binding, null),
      );
    },
    async sendable(environment, clientId, clientUri) {
      const stored = await store.get(registrationTokenAccount(environment.id, clientId));
      if (stored === null) {
        throw new AppFailure({
          kind: 'keychain',
          reason: 'not-found',
          message: `The keychain holds no registration access token for ${clientId} in “${environment.name}”: Keysmith cannot read, change or delete that client at the server. Do it in the server’s console.`,
        });
      }
      const envelope = openSecret(stored);
      const now = originOf(environment.registrationUrl);
      const target = originOf(clientUri);
      const bound = envelope?.tokenOrigin ?? null;
      const problems = [
        ...(envelope === null ? ['it has no binding'] : []),
        ...(bound !== null && now !== bound
          ? [`the registration endpoint moved from ${bound} to ${now ?? 'nowhere'}`]
          : []),
        ...(bound !== null && target !== bound
          ? [
              `the client’s configuration URI is on ${target ?? 'an unreadable origin'}, not ${bound}`,
            ]
          : []),
        ...(envelope !== null && envelope.kind !== environment.kind
          ? [`the kind changed from ${envelope.kind} to ${environment.kind}`]
          : []),
      ];
      if (envelope === null || problems.length > 0) {
        throw new AppFailure({
          kind: 'conflict',
          message: `Keysmith keeps the registration access token of ${clientId} for the server it came from, and sends it nowhere else (${problems.join('; ')}).`,
        });
      }
      return envelope.secret;
    },
    async delete(environmentId, clientId) {
      await store.delete(registrationTokenAccount(environmentId, clientId));
    },
  };
}
