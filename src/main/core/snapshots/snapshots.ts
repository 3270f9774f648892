import type { SnapshotRefresh } from '../../../shared/fleet/snapshot-types';
import type { CredentialsService } from '../credentials/credentials-service';
import type { EnvironmentsService } from '../environments/environments-service';
import type { EnvironmentStore } from '../environments/environment-store';
import type { EventBus } from '../event-bus';
import type { JwksFetcher } from '../jwks/jwks-fetcher';
import type { TokenService } from '../tokens/token-service';
import { observeClock } from './clock-observer';
import {
  recordingCredentials,
  recordingJwks,
  recordingTokens,
  refreshSnapshot,
} from './snapshot-recording';
import { createSnapshotService, type SnapshotService } from './snapshot-service';
import { createSnapshotStore } from './snapshot-store';

/** Every environment's snapshot as core offers it: the service, and a refresh on request. */
export interface Snapshots extends SnapshotService {
  /** Lists the environment's credentials and fetches its keys now (the person asked). */
  refresh(environmentId: string): Promise<SnapshotRefresh>;
}

/** What `createCore` wires the snapshots in with: the observing fetch and the recording wrappers. */
export interface SnapshotWiring extends Snapshots {
  /** The fetch every service gets: it reads the Date header of each response. */
  readonly fetch: typeof fetch;
  recordingTokens(service: TokenService): TokenService;
  recordingCredentials(service: CredentialsService): CredentialsService;
  recordingJwks(fetcher: JwksFetcher): JwksFetcher;
  /** Hands over the services built after the snapshots (refresh and the keychain need them). */
  connect(services: {
    readonly credentials: Pick<CredentialsService, 'list'>;
    readonly jwks: JwksFetcher;
    readonly environments: Pick<EnvironmentsService, 'storedClientIds'>;
  }): void;
}

/**
 * Builds the snapshots of `<dataDir>/snapshots/` and what records into them: the observing
 * fetch (server clocks), and wrappers that keep what the token, credentials and key services
 * fetch. A token whose kid the kept keys lack has the keys fetched again, except in production,
 * whose snapshot is never refreshed in the background.
 */
export function snapshotsFor(
  options: { readonly dataDir: string; readonly fetch?: typeof fetch },
  deps: {
    readonly environmentStore: Pick<EnvironmentStore, 'get' | 'list'>;
    readonly events: EventBus;
    readonly now: () => number;
  },
): SnapshotWiring {
  let connected: Parameters<SnapshotWiring['connect']>[0] | null = null;
  const needs = () => {
    if (connected === null) throw new Error('The snapshots are not connected yet.');
    return connected;
  };
  const service = createSnapshotService({
    store: createSnapshotStore(options.dataDir),
    environmentStore: deps.environmentStore,
    events: deps.events,
    storedClientIds: (id) => needs().environments.storedClientIds(id),
    now: deps.now,
  });
  const tried = new Set<string>();
  /** Key fetches started by an unknown kid, which `settled()` waits for like any write. */
  const keyFetches = new Set<Promise<unknown>>();
  const onUnknownKid = (environmentId: string, kid: string): void => {
    const key = `${environmentId} ${kid}`;
    const environment = deps.environmentStore.get(environmentId);
    if (environment.kind === 'production' || tried.has(key) || connected === null) return;
    tried.add(key);
    const fetching = connected.jwks.fetch({ environmentId }).catch(() => undefined);
    keyFetches.add(fetching);
    void fetching.finally(() => keyFetches.delete(fetching));
  };
  return {
    ...service,
    async settled() {
      while (keyFetches.size > 0) await Promise.allSettled([...keyFetches]);
      await service.settled();
    },
    fetch: observeClock(options.fetch, deps.now, (origin, reading) =>
      service.recordClock(origin, reading),
    ),
    refresh: (environmentId) =>
      refreshSnapshot(deps.environmentStore.get(environmentId), {
        credentials: needs().credentials,
        jwks: needs().jwks,
        snapshots: service,
      }),
    recordingTokens: (tokens) => recordingTokens(tokens, service, onUnknownKid),
    recordingCredentials: (credentials) => recordingCredentials(credentials, service),
    recordingJwks: (fetcher) => recordingJwks(fetcher, service),
    connect(services) {
      connected = services;
    },
  };
}
