import type { Environment } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { Bindable, BoundSecrets } from './bound-secrets';
import { bindingChanges, bindingOf, openSecret, type SecretBinding } from './secret-binding';
import { namespacedAccount, type SecretStore } from './secret-store';

/** The environment as the binding of its initial access token needs it. */
export type Registering = Bindable & Pick<Environment, 'registrationUrl'>;

/** The keychain account of an environment's initial access token (RFC 7591 §3). */
export function initialAccessTokenAccount(environmentId: string): string {
  return namespacedAccount(environmentId, 'dcr', 'initial-access-token');
}

/**
 * The binding of an initial access token: `tokenOrigin` holds the registration endpoint's origin,
 * where it is sent; null when the environment has no registration endpoint.
 */
export function registrationBindingOf(environment: Registering): SecretBinding | null {
  if (environment.registrationUrl === null) return null;
  const { tokenOrigin } = bindingOf({ ...environment, tokenUrl: environment.registrationUrl });
  return { ...bindingOf(environment), tokenOrigin };
}

/** How the bound secrets write and remove an entry (keeping their binding cache right). */
interface Writer {
  write(
    environment: Bindable,
    account: string,
    secret: string,
    provenAt: number | null,
    binding: SecretBinding,
  ): Promise<void>;
  remove(account: string): Promise<boolean>;
}

/** The initial access token methods of the bound secrets, over the keychain. */
export function initialAccessTokens(
  store: SecretStore,
  { write, remove }: Writer,
): Pick<
  BoundSecrets,
  | 'initialAccessToken'
  | 'storeInitialAccessToken'
  | 'deleteInitialAccessToken'
  | 'initialAccessTokenState'
> {
  /** The stored token and whether it may go to the registration endpoint as it is now. */
  const open = async (environment: Registering) => {
    const stored = await store.get(initialAccessTokenAccount(environment.id));
    const envelope = stored === null ? null : openSecret(stored);
    if (envelope === null) return null;
    const now = registrationBindingOf(environment);
    return {
      token: envelope.secret,
      sendable: now !== null && bindingChanges(envelope, now).length === 0,
    };
  };
  return {
    async initialAccessToken(environment) {
      const found = await open(environment);
      return found?.sendable ? found.token : null;
    },
    async storeInitialAccessToken(environment, token) {
      const binding = registrationBindingOf(environment);
      if (binding === null) {
        const detail = 'Enter the registration endpoint first: the token is sent only there.';
        throw new AppFailure({
          kind: 'validation',
          message: detail,
          errors: [{ param: 'initialAccessToken', detail }],
        });
      }
      await write(environment, initialAccessTokenAccount(environment.id), token, null, binding);
    },
    deleteInitialAccessToken: (environmentId) => remove(initialAccessTokenAccount(environmentId)),
    async initialAccessTokenState(environment) {
      const found = await open(environment);
      return found === null ? 'missing' : found.sendable ? 'bound' : 'needs-proof';
    },
  };
}
