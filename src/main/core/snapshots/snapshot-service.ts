import type { Credential, Environment, FetchedJwks } from '../../../shared/domain';
import { tokenUrlOf } from '../../../shared/environment';
import { effectiveSkewMs } from '../../../shared/fleet/clock-skew';
import { configuredIssuers, normalizeIssuer } from '../../../shared/fleet/issuers';
import type {
  ClockReading,
  FleetIndexEntry,
  SnapshotCredentials,
  SnapshotJwks,
  SnapshotSummary,
} from '../../../shared/fleet/snapshot-types';
import type { TokenFacts } from '../../../shared/fleet/token-facts';
import type { EnvironmentStore } from '../environments/environment-store';
import type { EventBus } from '../event-bus';
import { MAX_SNAPSHOT_CREDENTIALS } from './credentials-part';
import { nextJwks, nextSeen } from './snapshot-changes';
import { emptySnapshot, MAX_SNAPSHOT_KEYS, type StoredSnapshot } from './snapshot-file';
import type { SnapshotStore } from './snapshot-store';
import {
  credentialsViewOf,
  currentList,
  indexEntryOf,
  jwksViewOf,
  summaryOf,
} from './snapshot-views';
import { publicKeysOf } from './public-jwk';

/** A stored clock is rewritten when the offset moved by more than this, or after `CLOCK_REWRITE_MS`. */
const CLOCK_DRIFT_MS = 1_000;
const CLOCK_REWRITE_MS = 10 * 60_000;
/** How many servers' latest readings are remembered for environments added after them. */
const MAX_ORIGINS = 50;

/** Every environment's snapshot: recorded as main uses the environment, read by the page. */
export interface SnapshotService {
  /** Keeps a credentials list main just fetched. */
  recordCredentials(environmentId: string, credentials: readonly Credential[]): Promise<void>;
  /** Puts one credential main just created or revoked into the kept list (when there is one). */
  recordCredential(environmentId: string, credential: Credential): Promise<void>;
  /** Keeps an environment's key set main just fetched; a changed set of kids is a rotation. */
  recordJwks(environmentId: string, jwks: FetchedJwks): Promise<void>;
  /** Marks a credential main just revoked as revoked in the kept list (when there is one). */
  recordRevoked(environmentId: string, clientId: string): Promise<void>;
  /**
   * Keeps what a token the environment issued says of it (issuer, audiences, kid: its facts,
   * never the token). Resolves its kid when the kept key set lacks it, else null.
   */
  recordToken(environmentId: string, facts: TokenFacts): Promise<string | null>;
  /** Keeps a clock reading of the server at `origin` for every environment served from there. */
  recordClock(origin: string, reading: ClockReading): void;
  summaries(): Promise<SnapshotSummary[]>;
  credentials(environmentId: string): Promise<SnapshotCredentials | null>;
  /** The kept lists of every environment that has one. */
  fleet(): Promise<SnapshotCredentials[]>;
  /** The kept lists as stored (no keychain lookup), for main's own reminders. */
  lists(): Promise<{ readonly environment: Environment; readonly items: readonly Credential[] }[]>;
  jwks(environmentId: string): Promise<SnapshotJwks | null>;
  index(): Promise<FleetIndexEntry[]>;
  /** The offset to apply to the environment's server times (0 when its clock is in step). */
  skewOf(environmentId: string): Promise<number>;
  /** The offset of the environment whose tokens carry this issuer (0 when none or in step). */
  skewOfIssuer(issuer: string | null): Promise<number>;
  /** Deletes the snapshots of environments that no longer exist. */
  prune(): Promise<void>;
  /** Resolves once every write recorded so far has settled. */
  settled(): Promise<void>;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Builds the snapshot service over its store; it follows environment removals on the bus. */
export function createSnapshotService(deps: {
  readonly store: SnapshotStore;
  readonly environmentStore: Pick<EnvironmentStore, 'get' | 'list'>;
  readonly events: EventBus;
  /** The client_ids whose secret is in the keychain, per environment. */
  readonly storedClientIds: (environmentId: string) => Promise<ReadonlySet<string>>;
  readonly now: () => number;
}): SnapshotService {
  const { store, environmentStore, events, now } = deps;
  const pending = new Set<Promise<unknown>>();
  /** The latest reading of each server seen lately (an environment being added has none yet). */
  const latestByOrigin = new Map<string, ClockReading>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };
  const known = (id: string): Environment | null => {
    try {
      return environmentStore.get(id);
    } catch {
      return null;
    }
  };
  const changed = (environmentId: string, part: 'credentials' | 'jwks' | 'clock' | 'seen') =>
    events.emit('snapshots:changed', { environmentId, part });

  /** Changes the kept list of an environment, when it has one from its current base URL. */
  const changeList = async (
    environmentId: string,
    change: (items: readonly Credential[]) => readonly Credential[],
  ): Promise<void> => {
    const environment = known(environmentId);
    const list = environment && currentList(environment, await store.credentials(environmentId));
    if (!list) return;
    await store.setCredentials(environmentId, { ...list, items: change(list.items) });
    changed(environmentId, 'credentials');
  };

  const service: SnapshotService = {
    recordCredentials: (environmentId, credentials) =>
      track(
        (async () => {
          const environment = known(environmentId);
          if (environment === null) return;
          await store.setCredentials(environmentId, {
            source: environment.baseUrl,
            fetchedAt: now(),
            truncated: credentials.length > MAX_SNAPSHOT_CREDENTIALS,
            items: credentials,
          });
          changed(environmentId, 'credentials');
        })(),
      ),
    recordCredential: (environmentId, credential) =>
      track(
        changeList(environmentId, (items) => {
          const found = items.some((item) => item.clientId === credential.clientId);
          return found
            ? items.map((item) => (item.clientId === credential.clientId ? credential : item))
            : [credential, ...items];
        }),
      ),
    recordRevoked: (environmentId, clientId) =>
      track(
        changeList(environmentId, (items) =>
          items.map((item) =>
            item.clientId === clientId
              ? { ...item, status: 'revoked' as const, updatedAt: new Date(now()).toISOString() }
              : item,
          ),
        ),
      ),
    recordJwks: (environmentId, fetched) =>
      track(
        (async () => {
          if (known(environmentId) === null) return;
          const keys = publicKeysOf(fetched.text, MAX_SNAPSHOT_KEYS);
          await store.update(environmentId, (current) => ({
            ...(current ?? emptySnapshot(environmentId)),
            jwks: nextJwks(current?.jwks ?? null, {
              url: fetched.url,
              fetchedAt: fetched.fetchedAt,
              keys,
            }),
          }));
          changed(environmentId, 'jwks');
        })(),
      ),
    recordToken: (environmentId, facts) =>
      track(
        (async () => {
          if (known(environmentId) === null) return null;
          const before = await store.get(environmentId);
          const after = await store.update(environmentId, (current) => {
            const seen = nextSeen(current?.seen ?? null, facts);
            const base = current ?? emptySnapshot(environmentId);
            return seen === null ? base : { ...base, seen };
          });
          if (after !== before) changed(environmentId, 'seen');
          const kids = after.jwks?.kids ?? [];
          return facts.kid !== null && !kids.includes(facts.kid) ? facts.kid : null;
        })(),
      ),
    recordClock(origin, reading) {
      latestByOrigin.delete(origin);
      latestByOrigin.set(origin, reading);
      if (latestByOrigin.size > MAX_ORIGINS)
        latestByOrigin.delete(latestByOrigin.keys().next().value!);
      for (const environment of environmentStore.list()) {
        const origins = [originOf(environment.baseUrl), originOf(tokenUrlOf(environment))];
        if (!origins.includes(origin)) continue;
        const id = environment.id;
        let moved = false;
        void track(
          store.update(id, (current) => {
            const old = current?.clock ?? null;
            const keep =
              old !== null &&
              Math.abs(old.offsetMs - reading.offsetMs) <= CLOCK_DRIFT_MS &&
              reading.measuredAt - old.measuredAt < CLOCK_REWRITE_MS;
            if (keep) return current!;
            moved = effectiveSkewMs(old) !== effectiveSkewMs(reading) || old === null;
            return { ...(current ?? emptySnapshot(id)), clock: { origin, ...reading } };
          }),
        )
          .then(() => {
            if (moved) changed(id, 'clock');
          })
          .catch(() => undefined);
      }
    },
    async summaries() {
      const environments = environmentStore.list();
      const snapshots = await Promise.all(environments.map((env) => store.get(env.id)));
      return environments.map((env, index) => summaryOf(env, snapshots[index] ?? null));
    },
    async credentials(environmentId) {
      const environment = environmentStore.get(environmentId);
      const list = currentList(environment, await store.credentials(environmentId));
      if (list === null) return null;
      return credentialsViewOf(environment, list, await deps.storedClientIds(environmentId));
    },
    async fleet() {
      const all = await Promise.all(
        environmentStore.list().map((environment) => service.credentials(environment.id)),
      );
      return all.filter((item): item is SnapshotCredentials => item !== null);
    },
    async lists() {
      const all = await Promise.all(
        environmentStore.list().map(async (environment) => ({
          environment,
          list: currentList(environment, await store.credentials(environment.id)),
        })),
      );
      return all.flatMap(({ environment, list }) =>
        list ? [{ environment, items: list.items }] : [],
      );
    },
    async jwks(environmentId) {
      const environment = environmentStore.get(environmentId);
      return jwksViewOf(environment, await store.get(environmentId));
    },
    async index() {
      return Promise.all(
        environmentStore.list().map(async (environment) => {
          const [snapshot, list] = await Promise.all([
            store.get(environment.id),
            store.credentials(environment.id),
          ]);
          return indexEntryOf(environment, snapshot, currentList(environment, list));
        }),
      );
    },
    async skewOf(environmentId) {
      const snapshot: StoredSnapshot | null = await store.get(environmentId);
      return effectiveSkewMs(snapshot?.clock ?? null);
    },
    async skewOfIssuer(issuer) {
      if (issuer === null) return 0;
      const wanted = normalizeIssuer(issuer);
      for (const environment of environmentStore.list()) {
        const snapshot = await store.get(environment.id);
        const issuers = [...configuredIssuers(environment), ...(snapshot?.seen.issuers ?? [])];
        if (issuers.some((candidate) => normalizeIssuer(candidate) === wanted)) {
          return effectiveSkewMs(snapshot?.clock ?? null);
        }
      }
      return 0;
    },
    async prune() {
      const live = new Set(environmentStore.list().map((environment) => environment.id));
      for (const id of await store.storedIds()) {
        if (live.has(id)) continue;
        await store.remove(id);
        events.emit('snapshots:changed', { environmentId: id, part: 'removed' });
      }
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
  events.on('environments:updated', () => {
    void track(service.prune()).catch(() => undefined);
    // An environment is added after the exchange that proved it: give it its server's reading.
    for (const [origin, reading] of [...latestByOrigin]) service.recordClock(origin, reading);
  });
  return service;
}
