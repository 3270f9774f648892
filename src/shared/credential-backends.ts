import type { CredentialBackendKind } from './environment';

/** What a credential backend can tell about its credentials. */
export interface CredentialBackendTraits {
  /** The server reports when a credential was last used (`last_used_at`). */
  readonly reportsLastUse: boolean;
  /** The server lets the client choose when its secret expires. */
  readonly takesExpiry: boolean;
  /** A credential can be renamed at the server (RFC 7592 update). */
  readonly renames: boolean;
}

/**
 * The traits of each backend, declared once: core's backends and the renderer (the create form,
 * the credentials table, the rotation's watch step) read them from here.
 */
export const CREDENTIAL_BACKEND_TRAITS: Readonly<
  Record<CredentialBackendKind, CredentialBackendTraits>
> = {
  'seed-api': { reportsLastUse: true, takesExpiry: true, renames: false },
  // RFC 7591/7592 have no "last used" member, and the server decides client_secret_expires_at.
  dcr: { reportsLastUse: false, takesExpiry: false, renames: true },
};
