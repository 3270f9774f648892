import type { CredentialView, Environment } from '../../../shared/domain';
import { configuredIssuers } from '../../../shared/fleet/issuers';
import type {
  FleetIndexEntry,
  SnapshotCredentials,
  SnapshotJwks,
  SnapshotSummary,
} from '../../../shared/fleet/snapshot-types';
import type { CredentialsPart } from './credentials-part';
import { jwksUrlOf } from '../../../shared/environment';
import type { StoredSnapshot } from './snapshot-file';

// What the page may read of a snapshot, built field by field from what main stored: the parts
// that belong to another server (the environment's URL changed since) are left out.

/** The list when it came from the environment's current base URL, else null. */
export function currentList(
  environment: Pick<Environment, 'baseUrl'>,
  part: CredentialsPart | null,
): CredentialsPart | null {
  return part !== null && part.source === environment.baseUrl ? part : null;
}

/** The key set when it came from the environment's current JWKS URL, else null. */
export function currentJwks(
  environment: Pick<Environment, 'baseUrl' | 'jwksUrl'>,
  snapshot: StoredSnapshot | null,
): StoredSnapshot['jwks'] {
  const jwks = snapshot?.jwks ?? null;
  return jwks !== null && jwks.url === jwksUrlOf(environment) ? jwks : null;
}

/** The summary of an environment's snapshot (an environment without one gets empty parts). */
export function summaryOf(
  environment: Environment,
  snapshot: StoredSnapshot | null,
): SnapshotSummary {
  const head = snapshot?.credentials ?? null;
  const jwks = currentJwks(environment, snapshot);
  return {
    environmentId: environment.id,
    credentials:
      head !== null && head.source === environment.baseUrl
        ? {
            fetchedAt: head.fetchedAt,
            count: head.count,
            active: head.active,
            truncated: head.truncated,
          }
        : null,
    jwks: jwks && {
      fetchedAt: jwks.fetchedAt,
      url: jwks.url,
      kids: jwks.kids,
      rotation: jwks.rotation,
    },
    clock: snapshot?.clock
      ? {
          offsetMs: snapshot.clock.offsetMs,
          uncertaintyMs: snapshot.clock.uncertaintyMs,
          measuredAt: snapshot.clock.measuredAt,
        }
      : null,
    seen: snapshot?.seen ?? { issuers: [], audiences: [], kids: [] },
  };
}

/** The list as the Credentials tab shows it: each credential with what Keysmith knows of it. */
export function credentialsViewOf(
  environment: Environment,
  part: CredentialsPart,
  stored: ReadonlySet<string>,
): SnapshotCredentials {
  const credentials: CredentialView[] = part.items.map((credential) => ({
    id: credential.id,
    clientId: credential.clientId,
    name: credential.name,
    status: credential.status,
    expiresAt: credential.expiresAt,
    createdAt: credential.createdAt,
    updatedAt: credential.updatedAt,
    lastUsedAt: credential.lastUsedAt,
    inUse: credential.clientId === environment.activeClientId,
    secretStored: stored.has(credential.clientId),
  }));
  return {
    environmentId: environment.id,
    fetchedAt: part.fetchedAt,
    truncated: part.truncated,
    credentials,
  };
}

/** The public key set for the debugger: keys as JSON text, kids, the previous kids, the rotation. */
export function jwksViewOf(
  environment: Environment,
  snapshot: StoredSnapshot | null,
): SnapshotJwks | null {
  const jwks = currentJwks(environment, snapshot);
  if (jwks === null) return null;
  return {
    environmentId: environment.id,
    fetchedAt: jwks.fetchedAt,
    url: jwks.url,
    text: JSON.stringify({ keys: jwks.keys }),
    kids: jwks.kids,
    previousKids: jwks.previous?.kids ?? null,
    rotation: jwks.rotation,
  };
}

/** What "find" and the token matcher know of an environment: identifiers only. */
export function indexEntryOf(
  environment: Environment,
  snapshot: StoredSnapshot | null,
  part: CredentialsPart | null,
): FleetIndexEntry {
  const jwks = currentJwks(environment, snapshot);
  const seen = snapshot?.seen ?? { issuers: [], audiences: [], kids: [] };
  const clientIds: string[] = [];
  const names: string[] = [];
  for (const credential of part?.items ?? []) {
    clientIds.push(credential.clientId);
    names.push(credential.name);
  }
  const active = environment.activeClientId;
  if (active !== null && !clientIds.includes(active)) {
    clientIds.push(active);
    names.push('');
  }
  return {
    environmentId: environment.id,
    issuers: [...new Set([...configuredIssuers(environment), ...seen.issuers])],
    audiences: [...seen.audiences],
    kids: [...new Set([...(jwks?.kids ?? []), ...(jwks?.previous?.kids ?? []), ...seen.kids])],
    clientIds,
    names,
  };
}
