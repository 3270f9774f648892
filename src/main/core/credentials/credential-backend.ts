import type {
  Credential,
  Environment,
  NewCredential,
  PendingRegistration,
  RegistrationState,
} from '../../../shared/domain';
import type { CredentialBackendKind } from '../../../shared/environment';

/** A credential as a backend reports it: the API's fields, and for a DCR client what the server says now. */
export interface BackendCredential extends Credential {
  readonly registration?: RegistrationState;
}

/** What a create resolves to: the credential, its secret (already in the keychain and read back). */
export interface BackendCapture {
  readonly credential: BackendCredential;
  /** Null for a client that authenticates with a private key kept in the keychain. */
  readonly clientSecret: string | null;
  /** The server answered from an earlier create of the same key (the seed API's replay). */
  readonly replayed: boolean;
}

/**
 * Where an environment's credentials are administered: the seed API (`/auth/credentials`) or
 * Dynamic Client Registration (RFC 7591/7592). The credentials service and the rotation wizard
 * work through this one shape; the production confirmations stay in front of it (the guard).
 */
export interface CredentialBackend {
  readonly kind: CredentialBackendKind;
  /** Whether the server reports when a credential was last used (the rotation's watch step relies on it). */
  readonly reportsLastUse: boolean;
  /** Every credential the backend knows in the environment, as the server says now; never a secret. */
  list(environment: Environment): Promise<readonly BackendCredential[]>;
  /** One credential as the server says now, or null when the backend does not know it. */
  read(environment: Environment, clientId: string): Promise<BackendCredential | null>;
  /**
   * Creates a credential and resolves only once its secrets are in the keychain and read back
   * (and audited). A caller that persists its own key (the rotation wizard) passes it.
   */
  create(
    environment: Environment,
    input: NewCredential,
    options: { readonly idempotencyKey?: string },
  ): Promise<BackendCapture>;
  /**
   * Revokes a credential at the server; resolves to `forgotten` when the server no longer knew it
   * (a DCR client deleted elsewhere), which counts as done. The caller removes its secret.
   */
  revoke(environment: Environment, clientId: string): Promise<'revoked' | 'forgotten'>;
  /**
   * Renames a credential at the server and resolves to it as the server says now; absent when
   * the backend has no rename (the seed API). Any secret the server rotates goes to the keychain.
   */
  rename?(environment: Environment, clientId: string, name: string): Promise<BackendCredential>;
  /** Removes what the backend keeps of a revoked credential besides its secret (keychain items, registry). */
  forget(environment: Environment, clientId: string): Promise<void>;
  /** Creates whose outcome is unknown (a lost answer): they may exist on the server. */
  pending(environment: Environment): Promise<readonly PendingRegistration[]>;
  /** Forgets a pending create the person has checked on the server. */
  dismissPending(environment: Environment, id: string): Promise<void>;
}
