import type { IncomingMessage } from 'node:http';
import type { CredentialStore, StoredCredential } from './credential-store';
import { newCredentialId } from './secrets';
import type { IdempotencyCache } from './idempotency';
import type { Reply } from './reply';
import type { SecretHash } from './secrets';
import type { TokenSigner } from './token-signer';

/** The counters behind SandboxStats, mutated by the server. */
export interface MutableStats {
  tokenRequests: number;
  tokensIssued: number;
  credentialCreates: number;
  idempotentReplays: number;
  requests: Record<string, number>;
}

/** How handlers make state durable. */
export interface Persistence {
  /** Writes the state now; resolves once it is on disk (no-op without a data file). */
  commit(): Promise<void>;
  /** Schedules a write soon, for frequent small changes such as last_used_at. */
  touch(): void;
}

/** Everything a handler may use: the state and the server's services. */
export interface SandboxApp {
  readonly issuer: string;
  readonly now: () => number;
  readonly tokenTtlSeconds: number;
  readonly store: CredentialStore;
  readonly idempotency: IdempotencyCache;
  readonly signer: TokenSigner;
  readonly stats: MutableStats;
  readonly persistence: Persistence;
}

/** One request as a handler sees it, with its body already read. */
export interface RequestContext {
  readonly request: IncomingMessage;
  readonly body: Buffer;
  /** Decoded-as-is path parameters (still percent-encoded). */
  readonly params: Readonly<Record<string, string>>;
  /** Waits out a `delay` fault; handlers call it once, at the point where processing starts. */
  pause(): Promise<void>;
}

/** A route handler. */
export type Handler = (app: SandboxApp, context: RequestContext) => Promise<Reply>;

/** The current time as the API prints it. */
export function nowIso(app: Pick<SandboxApp, 'now'>): string {
  return new Date(app.now()).toISOString();
}

/** A new active credential record. */
export function newCredentialRecord(input: {
  readonly clientId: string;
  readonly name: string;
  readonly secretHash: SecretHash;
  readonly expiresAt: string | null;
  readonly at: string;
}): StoredCredential {
  return {
    id: newCredentialId(),
    client_id: input.clientId,
    name: input.name,
    status: 'active',
    expires_at: input.expiresAt,
    created_at: input.at,
    updated_at: input.at,
    last_used_at: null,
    secret_hash: input.secretHash,
  };
}
