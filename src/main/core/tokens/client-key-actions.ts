import type { DiscoveryResult, PublicClientKeyView } from '../../../shared/domain';
import type { ClientKeyAlg, EnvironmentKind } from '../../../shared/environment';
import type { EnvironmentStore } from '../environments/environment-store';
import type { EventBus } from '../event-bus';
import type { ClientKeys, PublicClientKey } from './client-keys';
import { discover } from './discovery';
import type { TokenService } from './token-service';

/** The token side's page-facing use cases: client keys by environment id, and discovery. */
export interface TokenSideActions {
  /** The public key of a client (null when none is stored). */
  publicKey(environmentId: string, clientId: string): Promise<{ key: PublicClientKeyView | null }>;
  /** Makes a new key for a client (production asks first); the old one, if any, is gone. */
  generateKey(
    environmentId: string,
    clientId: string,
    alg: ClientKeyAlg,
  ): Promise<PublicClientKeyView>;
  /** Deletes a client's key (production asks first). */
  removeKey(environmentId: string, clientId: string): Promise<{ removed: boolean }>;
  /** Reads an issuer's metadata (RFC 8414, then OpenID Connect discovery). */
  discover(issuer: string, kind: EnvironmentKind): Promise<DiscoveryResult>;
}

/** The view of a public key: every member named, so nothing else ever reaches the page. */
function view(key: PublicClientKey): PublicClientKeyView {
  return {
    kid: key.kid,
    alg: key.alg,
    jwk: key.jwk,
    certificatePem: key.certificatePem,
    x5tS256: key.x5tS256,
    certificateExpiresAt: key.certificateExpiresAt,
    createdAt: key.createdAt,
  };
}

/** Builds the token side's page-facing use cases over the core services. */
export function createTokenSideActions(deps: {
  readonly environmentStore: Pick<EnvironmentStore, 'get'>;
  readonly clientKeys: ClientKeys;
  readonly tokens: Pick<TokenService, 'cache'>;
  readonly events: EventBus;
  readonly fetch?: typeof fetch;
}): TokenSideActions {
  const { environmentStore, clientKeys, tokens, events } = deps;
  /** A key changed: tokens signed with the old one go, and the views show the new state. */
  const changed = (environmentId: string, clientId: string) => {
    tokens.cache.invalidate({ environmentId, clientId });
    events.emit('environments:updated', { reason: 'client key' });
  };
  return {
    async publicKey(environmentId, clientId) {
      const key = await clientKeys.publicKey(environmentStore.get(environmentId), clientId);
      return { key: key === null ? null : view(key) };
    },
    async generateKey(environmentId, clientId, alg) {
      const key = await clientKeys.generate(environmentStore.get(environmentId), clientId, alg);
      changed(environmentId, clientId);
      return view(key);
    },
    async removeKey(environmentId, clientId) {
      const removed = await clientKeys.remove(environmentStore.get(environmentId), clientId);
      changed(environmentId, clientId);
      return { removed };
    },
    discover: (issuer, kind) => discover(issuer, kind, { fetch: deps.fetch }),
  };
}
