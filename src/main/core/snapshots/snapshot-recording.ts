import type { Environment, TokenState } from '../../../shared/domain';
import { toAppError } from '../../../shared/errors';
import type { SnapshotRefresh } from '../../../shared/fleet/snapshot-types';
import { factsOf, readTokenFacts, type TokenFacts } from '../../../shared/fleet/token-facts';
import type { CredentialsService } from '../credentials/credentials-service';
import type { JwksFetcher } from '../jwks/jwks-fetcher';
import type { TokenService } from '../tokens/token-service';
import type { SnapshotService } from './snapshot-service';

// Snapshots are refreshed on use: these wrappers put what a service just fetched into the
// snapshot before handing it back (so the snapshot is current when the call returns), and a
// snapshot that cannot be written never fails the call it follows.

const quietly = (promise: Promise<unknown>): Promise<void> =>
  promise.then(
    () => undefined,
    () => undefined,
  );

/** The credential use cases, with every list, create and revoke kept in the snapshot. */
export function recordingCredentials(
  service: CredentialsService,
  snapshots: SnapshotService,
): CredentialsService {
  return {
    ...service,
    async list(environmentId) {
      const credentials = await service.list(environmentId);
      await quietly(snapshots.recordCredentials(environmentId, credentials));
      return credentials;
    },
    async create(environmentId, input, options) {
      const captured = await service.create(environmentId, input, options);
      await quietly(snapshots.recordCredential(environmentId, captured.credential));
      return captured;
    },
    async revoke(environmentId, clientId) {
      const outcome = await service.revoke(environmentId, clientId);
      await quietly(snapshots.recordRevoked(environmentId, clientId));
      return outcome;
    },
  };
}

/**
 * The token service, with what each token main obtains says of its environment (issuer,
 * audiences, kid) kept in the snapshot. A kid the kept key set lacks calls `onUnknownKid`.
 */
export function recordingTokens(
  service: TokenService,
  snapshots: SnapshotService,
  onUnknownKid: (environmentId: string, kid: string) => void,
): TokenService {
  const note = async (environmentId: string, facts: TokenFacts | null): Promise<void> => {
    if (facts === null) return;
    await quietly(
      snapshots.recordToken(environmentId, facts).then((kid) => {
        if (kid !== null) onUnknownKid(environmentId, kid);
      }),
    );
  };
  const fromState = async (environmentId: string, state: TokenState): Promise<TokenState> => {
    if (state.claims !== undefined) await note(environmentId, factsOf(state.header, state.claims));
    return state;
  };
  return {
    ...service,
    state: async (id) => fromState(id, await service.state(id)),
    renew: async (id) => fromState(id, await service.renew(id)),
    async current(id) {
      const token = await service.current(id);
      await note(id, readTokenFacts(token.accessToken));
      return token;
    },
  };
}

/** The JWT debugger's key download, with an environment's own key set kept in its snapshot. */
export function recordingJwks(fetcher: JwksFetcher, snapshots: SnapshotService): JwksFetcher {
  return {
    async fetch(source) {
      const fetched = await fetcher.fetch(source);
      if ('environmentId' in source)
        await quietly(snapshots.recordJwks(source.environmentId, fetched));
      return fetched;
    },
  };
}

/**
 * Refreshes an environment's snapshot on the person's request: lists its credentials and fetches
 * its own key set, each through the service the page could call for it (so production follows
 * the same rules as "Refresh" in the Credentials tab and "Keys of" in the debugger). A part that
 * fails keeps its last snapshot and reports why.
 */
export async function refreshSnapshot(
  environment: Pick<Environment, 'id'>,
  deps: {
    readonly credentials: Pick<CredentialsService, 'list'>;
    readonly jwks: JwksFetcher;
    readonly snapshots: SnapshotService;
  },
): Promise<SnapshotRefresh> {
  const id = environment.id;
  const [list, keys] = await Promise.allSettled([
    deps.credentials.list(id),
    deps.jwks.fetch({ environmentId: id }),
  ]);
  await deps.snapshots.settled();
  const summary = (await deps.snapshots.summaries()).find((item) => item.environmentId === id);
  if (!summary) throw new Error('The environment is gone.');
  return {
    summary,
    ...(list.status === 'rejected' ? { credentialsError: toAppError(list.reason) } : {}),
    ...(keys.status === 'rejected' ? { jwksError: toAppError(keys.reason) } : {}),
  };
}
