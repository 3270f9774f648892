import type { EnvironmentFields } from './environment';
import type { TokenRequestSummary } from './token-side';
import type { AppError, KeychainReason } from './errors';
import type { RotationPhase } from './rotation';

export type { EnvironmentFields, EnvironmentKind } from './environment';
export type {
  DiscoveredServer,
  DiscoveryResult,
  PublicClientKeyView,
  PublicJwk,
  TokenRequestParam,
  TokenRequestSummary,
} from './token-side';

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

/** The result of adding an environment: it, and whether a token exchange proved its credential. */
export interface AddedEnvironment {
  readonly environment: EnvironmentView;
  readonly verified: boolean;
}

/** The state of an environment's access token, as the UI shows it. */
export type TokenStatus = 'none' | 'valid' | 'expiring' | 'expired' | 'error';

/**
 * Whether main will send the active credential's secret: `bound` to the environment's current
 * token endpoint, API and kind; `needs-proof` when one of those changed since it was proven (it
 * must be pasted again); `missing` when the keychain holds none.
 */
export type SecretState = 'bound' | 'needs-proof' | 'missing';

/** An environment as the renderer sees it: the stored environment plus live facts. */
export interface EnvironmentView extends Omit<Environment, 'createdAt' | 'updatedAt'> {
  readonly hasSecret: boolean;
  readonly secretState: SecretState;
  /** Secret headers whose value must be entered again (changed endpoint or kind, or missing). */
  readonly secretHeadersToPaste: readonly string[];
  /** The initial access token for client registration (RFC 7591 §3): stored and sendable, stored for another endpoint, or none. */
  readonly initialAccessTokenState: SecretState;
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
  /** What the last token request sent (or tried to send). */
  readonly request?: TokenRequestSummary;
}

/** An environment's access token, revealed on the user's explicit request. */
export interface RevealedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

/** How an access token can be copied: bare, as an Authorization header, or as a curl command. */
export const TOKEN_COPY_FORMATS = ['token', 'authorization-header', 'curl'] as const;

/** How an access token is copied. */
export type TokenCopyFormat = (typeof TOKEN_COPY_FORMATS)[number];

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
  /** ISO 8601, in the future; null = never expires (DCR: the server decides, so always null). */
  readonly expiresAt: string | null;
  /** private_key_jwt clients of a DCR environment: the key pair Keysmith generates (default ES256). */
  readonly keyAlgorithm?: 'ES256' | 'RS256';
}

/**
 * What an authorization server says now of a client Keysmith registered through Dynamic Client
 * Registration (an RFC 7592 read): `registered`, `gone` (it answered 401/404: no longer
 * registered), or `unreadable` (no answer now: `detail` says why).
 */
export interface RegistrationState {
  readonly state: 'registered' | 'gone' | 'unreadable';
  /** The metadata the server changed since registration, in words (empty when none). */
  readonly changes: readonly string[];
  /** How the client authenticates at the token endpoint, as the server says (or as registered). */
  readonly authMethod: string;
  readonly detail?: string;
}

/** A credential row in the UI: the API's view plus what this app knows of it. */
export interface CredentialView extends Credential {
  /** This environment's active credential. */
  readonly inUse: boolean;
  /** Its secret (or private key) is in the OS keychain. */
  readonly secretStored: boolean;
  /** Present for a client administered through Dynamic Client Registration. */
  readonly registration?: RegistrationState;
}

/**
 * A registration that was sent but whose answer never arrived (or whose secrets the keychain
 * refused): the client may exist on the server. Kept until the person dismisses it; never retried.
 */
export interface PendingRegistration {
  readonly id: string;
  /** The client_name that was sent: what to look for in the server's console. */
  readonly name: string;
  /** Epoch ms when it was sent. */
  readonly startedAt: number;
  /** Known when the server answered but Keysmith could not keep the client (keychain refused). */
  readonly clientId: string | null;
  /** What happened, in words. */
  readonly reason: string;
}

/** The create result the capture dialog shows, once. */
export interface CapturedCredential {
  readonly credential: CredentialView;
  /**
   * The secret, already stored in the keychain and read back; null for a client that
   * authenticates with a private key (private_key_jwt), which never leaves the keychain.
   */
  readonly clientSecret: string | null;
  /** True when the API replayed an earlier create with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** The result of a revoke: tokens it issued stay valid until this time (epoch ms). */
export interface RevokeOutcome {
  readonly clientId: string;
  readonly tokensValidUntil: number;
  /** True when the server no longer knew it (a DCR client deleted elsewhere): Keysmith only forgot it. */
  readonly forgotten?: boolean;
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

/** A run of audit entries, by number (both ends included). */
export interface AuditRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The result of checking the audit log's keyed chain. `intact`: every entry carries a valid MAC
 * under the key in the keychain and the log reaches the keychain's anchor (`hashOnly`: runs written
 * without the key, by an older Keysmith or while the keychain was unavailable, proven by their
 * hash chain and sealed with the key afterwards). `broken`: the first entry that cannot be trusted
 * (`entry` is its number, `line` its line in the file). `unverifiable`: nothing found wrong, but
 * nothing proven either (no keychain, no key, no anchor, or entries not sealed yet).
 */
export type AuditVerification =
  | {
      readonly state: 'intact';
      readonly entries: number;
      readonly hashOnly: readonly AuditRange[];
    }
  | {
      readonly state: 'broken';
      readonly entries: number;
      readonly brokenAt: { readonly entry: number; readonly line: number; readonly reason: string };
    }
  | { readonly state: 'unverifiable'; readonly entries: number; readonly reason: string };

/** What a copy through main did. */
export interface CopyOutcome {
  /** When main will clear the clipboard if it still holds the value; null when it will not. */
  readonly clearsAt: number | null;
}

/** Whether the OS keychain can be used right now, and if not, why. */
export type KeychainStatus =
  | { readonly available: true; readonly backend: string }
  | { readonly available: false; readonly reason: KeychainReason; readonly message: string };

/** What the app is and where it runs: shown in the shell and the About panel. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly arch: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly keychain: KeychainStatus;
}

/** A JWKS that main fetched on the user's explicit request, as text for the debugger's key field. */
export interface FetchedJwks {
  readonly url: string;
  readonly text: string;
  readonly keyCount: number;
  readonly fetchedAt: number;
}

/** A pinned token on the JWT debugger's watch list: only what the reminder needs, never the token. */
export interface WatchedToken {
  readonly id: string;
  /** What the user calls it, e.g. "partner API token". */
  readonly label: string;
  /** The token's `exp`, in epoch ms. */
  readonly expiresAt: number;
  readonly issuer: string | null;
  readonly subject: string | null;
  /** Minutes before expiry at which the desktop notification fires. */
  readonly warnMinutes: number;
  /** Set once the notification was shown. */
  readonly notifiedAt: number | null;
}

/** What pinning a token sends. */
export type NewWatchedToken = Pick<
  WatchedToken,
  'label' | 'expiresAt' | 'issuer' | 'subject' | 'warnMinutes'
>;

/** Every event main sends the renderer, with its payload; core emits them, the contract carries them. */
export interface AppEvents {
  readonly 'environment:changed': { readonly selectedId: string };
  readonly 'environments:updated': { readonly reason: string };
  readonly 'token:renewed': { readonly environmentId: string; readonly expiresAt: number };
  readonly 'token:expiring': { readonly environmentId: string; readonly expiresAt: number };
  readonly 'audit:appended': { readonly action: string };
  readonly 'jwt:watch-changed': { readonly count: number };
  /** An environment's snapshot changed (its list, its keys, its server's clock, what its tokens said). */
  readonly 'snapshots:changed': {
    readonly environmentId: string;
    readonly part: 'credentials' | 'jwks' | 'clock' | 'seen' | 'removed';
  };
  readonly 'rotation:changed': {
    readonly environmentId: string;
    /** Null once the rotation was dismissed. */
    readonly step: RotationPhase | null;
  };
}
