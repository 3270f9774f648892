import type { CredentialView } from '../domain';
import type { AppError } from '../errors';

// The shapes of an environment's snapshot as the renderer sees them: what main last learned of
// each environment (its credentials list, its public keys, its server's clock), never a secret.

/** How far a server's clock is from this computer's: `offsetMs` = server − local. */
export interface ClockReading {
  readonly offsetMs: number;
  /** How far off the reading may be: half the round trip plus the Date header's 1 s resolution. */
  readonly uncertaintyMs: number;
  /** When it was measured (local epoch ms). */
  readonly measuredAt: number;
}

/** A change of an environment's key set between two JWKS snapshots: a key rotation. */
export interface KeyRotation {
  /** When the changed set was fetched. */
  readonly at: number;
  /** When the set it is compared with was fetched. */
  readonly previousFetchedAt: number;
  /** kids in the new set that the previous one lacked. */
  readonly gained: readonly string[];
  /** kids of the previous set that the new one lacks. */
  readonly lost: readonly string[];
}

/** What tokens an environment issued said about it: learned from Keysmith's own exchanges. */
export interface SeenInTokens {
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  readonly kids: readonly string[];
}

/** One environment's snapshot in a few numbers: ages, counts, kids, clock; the fleet view and the status bar read it. */
export interface SnapshotSummary {
  readonly environmentId: string;
  readonly credentials: {
    readonly fetchedAt: number;
    readonly count: number;
    readonly active: number;
    /** The list was longer than a snapshot keeps: only its first credentials are in it. */
    readonly truncated: boolean;
  } | null;
  readonly jwks: {
    readonly fetchedAt: number;
    readonly url: string;
    readonly kids: readonly string[];
    readonly rotation: KeyRotation | null;
  } | null;
  readonly clock: ClockReading | null;
  readonly seen: SeenInTokens;
}

/** An environment's credentials as last listed, for the Credentials tab to paint at once. */
export interface SnapshotCredentials {
  readonly environmentId: string;
  readonly fetchedAt: number;
  readonly truncated: boolean;
  readonly credentials: readonly CredentialView[];
}

/**
 * A kept list as it crosses IPC: the credentials as one JSON text (an array of `CredentialView`,
 * built field by field in main), because one string is what every transport carries cheapest:
 * the Credentials tab paints 10,000 credentials from it at once.
 */
export interface PackedCredentials {
  readonly environmentId: string;
  readonly fetchedAt: number;
  readonly truncated: boolean;
  readonly count: number;
  readonly json: string;
}

/** A packed list read back (the page trusts main's JSON: it holds exactly `CredentialView`s). */
export function unpackCredentials(packed: PackedCredentials): SnapshotCredentials {
  return {
    environmentId: packed.environmentId,
    fetchedAt: packed.fetchedAt,
    truncated: packed.truncated,
    credentials: JSON.parse(packed.json) as CredentialView[],
  };
}

/** An environment's public keys as last fetched, for offline verification in the debugger. */
export interface SnapshotJwks {
  readonly environmentId: string;
  readonly fetchedAt: number;
  readonly url: string;
  /** The key set as JSON text, public members only. */
  readonly text: string;
  readonly kids: readonly string[];
  /** kids of the set fetched before this one (null when this is the first). */
  readonly previousKids: readonly string[] | null;
  readonly rotation: KeyRotation | null;
}

/** What "find" and the token matcher look up, for one environment: identifiers, never a secret. */
export interface FleetIndexEntry {
  readonly environmentId: string;
  /** Issuers a token of this environment may carry: the base URL, the token URL's origin, those seen. */
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  /** kids of its key set (current, previous, and seen in its tokens). */
  readonly kids: readonly string[];
  /** client_ids of its credentials, with their names at the same positions. */
  readonly clientIds: readonly string[];
  readonly names: readonly string[];
}

/** The settings of the fleet view: reminders and the hygiene threshold. */
export interface FleetSettings {
  /** Days before a credential expires at which a desktop notification is shown; 0 = never. */
  readonly reminderDays: number;
  /** An environment with more active credentials than this is listed in the hygiene report. */
  readonly activeThreshold: number;
}

/** What a refresh on request did: the new summary, and why a part kept its last snapshot. */
export interface SnapshotRefresh {
  readonly summary: SnapshotSummary;
  readonly credentialsError?: AppError;
  readonly jwksError?: AppError;
}
