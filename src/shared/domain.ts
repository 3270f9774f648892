import type { EnvironmentFields } from './environment';
import type { AppError } from './errors';

export type { EnvironmentFields, EnvironmentKind } from './environment';

/** An environment as stored in profiles.json: its editable fields plus state; never a secret. */
export interface Environment extends EnvironmentFields {
  readonly id: string;
  /** The client_id whose secret (in the keychain) this environment uses; null when none yet. */
  readonly activeClientId: string | null;
  /** Whether a token exchange proved the active credential. */
  readonly verification: 'verified' | 'not-verified';
  /** True for the Local sandbox environment the app runs itself. */
  readonly embedded?: boolean;
  readonly autoRenew: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The state of an environment's access token, as the UI shows it. */
export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired' | 'error';

/** An environment as the renderer sees it: the stored environment plus live facts. */
export interface EnvironmentView extends Omit<Environment, 'createdAt' | 'updatedAt'> {
  readonly hasSecret: boolean;
  readonly tokenStatus: TokenStatus;
  readonly pendingRotation?: boolean;
}

/** An access token obtained with client credentials (times in epoch ms). */
export interface TokenSet {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly expiresAt: number;
  readonly issuedAt: number;
  readonly scope?: string;
}

/** An environment's token as the token panel shows it: never the raw token. */
export interface TokenState {
  readonly status: TokenStatus;
  readonly obtainedAt?: number;
  readonly expiresAt?: number;
  readonly tokenType?: string;
  readonly scope?: string;
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly autoRenew: boolean;
  readonly error?: AppError;
}

/** Status of a credential at the API. */
export type CredentialStatus = 'active' | 'revoked';

/** A credential as the API lists it (camelCase; never a secret). */
export interface Credential {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly status: CredentialStatus;
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastUsedAt: string | null;
}

/** The create response: the credential and its secret, shown once. */
export interface CreatedCredential extends Credential {
  /** Absent only when the server replayed a create whose secret it no longer knows. */
  readonly clientSecret?: string;
}

/** What a create sends. */
export interface NewCredential {
  readonly name: string;
  /** ISO 8601, in the future; null = never expires. */
  readonly expiresAt: string | null;
}

/** A credential row in the UI: the API's view plus what this app knows of it. */
export interface CredentialView extends Credential {
  /** This environment's active credential. */
  readonly inUse: boolean;
  /** Its secret is in the OS keychain. */
  readonly secretStored: boolean;
}

/** The create result the capture dialog shows, once. */
export interface CapturedCredential {
  readonly credential: CredentialView;
  /** The secret, already stored in the keychain and read back. */
  readonly clientSecret: string;
  /** True when the API replayed an earlier create with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** One line of the audit log (never a secret or a token). */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly environmentId: string | null;
  readonly action: string;
  readonly clientId?: string;
  readonly idempotencyKey?: string;
  readonly instance?: string;
  readonly outcome?: string;
}

/** The result of checking the audit log's hash chain. */
export interface AuditVerification {
  readonly valid: boolean;
  readonly entries: number;
  readonly brokenAt?: { readonly line: number; readonly reason: string };
}

/** What a copy through main did. */
export interface CopyOutcome {
  /** When main will clear the clipboard if it still holds the value; null when it will not. */
  readonly clearsAt: number | null;
}
