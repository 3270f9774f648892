/** Options of the local sandbox server; every field is optional. */
export interface SandboxOptions {
  /** 0 or undefined picks a free port; the server always listens on 127.0.0.1. */
  readonly port?: number;
  /** JSON file the state is loaded from and saved to (atomically); secrets are stored only as hashes. */
  readonly dataFile?: string;
  /**
   * A credential that must exist with exactly this secret (created or updated at start). A null
   * secret means "the caller cannot read it right now": the state is left exactly as it is.
   */
  readonly bootstrap?: {
    readonly clientId: string;
    readonly clientSecret: string | null;
    readonly name?: string;
  };
  /** Lifetime of issued access tokens in seconds; default 3600. */
  readonly tokenTtlSeconds?: number;
  /** Requests allowed per client (or IP) per window; default 600 per minute; false disables. */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number } | false;
  /** Injectable clock in epoch ms; default Date.now. */
  readonly now?: () => number;
  /**
   * Runs the server's clock this many ms ahead (negative: behind) of `now`: its Date header and
   * its tokens' iat and exp follow, so a client can be tried against clock skew. Default 0.
   */
  readonly clockOffsetMs?: number;
  /** Receives one line per request ("METHOD /path STATUS 12ms"); never secrets or tokens. */
  readonly log?: (line: string) => void;
  /** Enables test-only fault injection; off by default. */
  readonly faults?: boolean;
}

/** Live counters of what the sandbox has served, for tests and diagnostics. */
export interface SandboxStats {
  /** Every POST /auth/token that reached the server, whatever its outcome. */
  readonly tokenRequests: number;
  /** Access tokens actually minted. */
  readonly tokensIssued: number;
  /** Credentials created and committed (replays are not counted). */
  readonly credentialCreates: number;
  /** Responses replayed from the idempotency cache. */
  readonly idempotentReplays: number;
  /** Requests by route key, e.g. "POST /auth/credentials" or "DELETE /auth/credentials/:client_id". */
  readonly requests: Readonly<Record<string, number>>;
}

/** A test-only fault the sandbox applies to one request. */
export type Fault =
  | { readonly kind: 'drop-after-commit' }
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate-limit'; readonly retryAfter: string }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'garbage'; readonly contentType: string; readonly body: string };

/** Decides per route key whether a request gets a fault; null means none. */
export type FaultPolicy = (route: string) => Fault | null;

/** Test-only control over faults; every method throws unless the sandbox started with `faults: true`. */
export interface FaultInjector {
  /** Queue a fault for the next request(s) matching route, e.g. 'POST /auth/credentials'; count default 1. */
  inject(route: string, fault: Fault, count?: number): void;
  /** Install a function that decides per request (for random fault storms); return null for no fault. */
  setPolicy(policy: FaultPolicy | null): void;
  /** Removes every queued fault and the policy. */
  clear(): void;
}

/** A running sandbox server. */
export interface SandboxHandle {
  /** Base URL, e.g. http://127.0.0.1:4510 (also the `iss` of its tokens). */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The credential to start with; the secret is null only when it cannot be known. */
  readonly bootstrap: { readonly clientId: string; readonly clientSecret: string | null };
  /** Live counters. */
  readonly stats: SandboxStats;
  /** Test-only fault injection (throws when disabled). */
  readonly faults: FaultInjector;
  /** Stops listening, drops open connections, and writes pending state to the data file. */
  close(): Promise<void>;
}

/** Status of a credential as the API reports it. */
export type CredentialStatus = 'active' | 'revoked';

/** A credential as the API returns it (never with its secret, except at creation). */
export type CredentialJson = {
  readonly id: string;
  readonly client_id: string;
  readonly name: string;
  readonly status: CredentialStatus;
  readonly expires_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly last_used_at: string | null;
};

/** The 201 body of POST /auth/credentials: the credential plus its secret, shown once. */
export type CreatedCredentialJson = CredentialJson & {
  /** Absent only in a replay after a restart: secrets are never written to disk. */
  readonly client_secret?: string;
};

/** The 200 body of GET /auth/credentials. */
export interface CredentialListJson {
  readonly data: readonly CredentialJson[];
}

/** The 200 body of POST /auth/token. */
export interface TokenResponseJson {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope?: string;
}

/** One field-level error of a problem document. */
export interface ProblemFieldError {
  readonly param: string;
  readonly detail: string;
  readonly code?: string;
}

/** An RFC 9457 problem document as the sandbox sends it. */
export interface ProblemJson {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly param?: string;
  readonly errors?: readonly ProblemFieldError[];
  /** OAuth error code (RFC 6749 §5.2), only on /auth/token. */
  readonly error?: string;
  /** OAuth error description, only on /auth/token. */
  readonly error_description?: string;
}
