import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { EnvironmentProfile, TokenSet, TokenState, TokenStatus } from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import { exchangeClientCredentials } from './oauth';
import type { ProfileStore } from '../environments/environment-store';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import { createTokenCache, type TokenCache } from './token-cache';

/** How long before expiry a token counts as "expiring" and a warning is sent. */
export const EXPIRING_WARNING_MS = 5 * 60_000;

/** The token URL an environment uses: its own, or `<baseUrl>/auth/token`. */
export function tokenUrlOf(profile: Pick<EnvironmentProfile, 'baseUrl' | 'tokenUrl'>): string {
  return profile.tokenUrl ?? `${profile.baseUrl.replace(/\/+$/, '')}/auth/token`;
}

/** An environment's access token: minted with its active credential, cached, renewed ahead. */
export interface TokenService {
  readonly cache: TokenCache;
  /** The token state the panel shows; mints one first when auto-renew is on and none is cached. */
  state(environmentId: string): Promise<TokenState>;
  /** The status shown in the sidebar, from the cache only (never mints). */
  statusOf(profile: EnvironmentProfile): TokenStatus;
  /** Throws the cached token away and mints a new one. */
  renew(environmentId: string): Promise<TokenState>;
  setAutoRenew(environmentId: string, enabled: boolean): Promise<TokenState>;
  /** A valid token for the environment's active credential (minted if needed). */
  current(environmentId: string): Promise<TokenSet>;
  /** Puts a token obtained elsewhere (the proof of a new environment) into the cache. */
  prime(environmentId: string, clientId: string, token: TokenSet): void;
  /** Renews due tokens of auto-renew environments and warns about expiring ones; run by a timer. */
  tick(): Promise<void>;
  dispose(): void;
}

/** Builds the token service; `tickMs` 0 disables the timer (tests call `tick()` by hand). */
export function createTokenService(options: {
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly events: EventBus;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly tickMs?: number;
}): TokenService {
  const { profiles, secrets, events, now } = options;
  const lastErrors = new Map<string, AppError>();
  const warned = new Set<string>();

  const cache = createTokenCache({
    now,
    async mint({ environmentId, clientId }) {
      const profile = profiles.get(environmentId);
      const clientSecret = await secrets.get(secretAccount(environmentId, clientId));
      if (clientSecret === null) {
        throw new AppFailure({
          kind: 'keychain',
          reason: 'not-found',
          message: `No secret for ${clientId} is in the keychain for “${profile.name}”. Edit the environment and paste it again.`,
        });
      }
      return exchangeClientCredentials({
        tokenUrl: tokenUrlOf(profile),
        clientId,
        clientSecret,
        extraHeaders: profile.extraHeaders,
        fetch: options.fetch,
        now,
      });
    },
  });

  const keyOf = (environmentId: string) => {
    const profile = profiles.get(environmentId);
    if (profile.activeClientId === null) {
      throw new AppFailure({
        kind: 'validation',
        message: `“${profile.name}” has no active credential yet: edit it and paste a client_id and secret.`,
        errors: [{ param: 'clientId', detail: 'No active credential.' }],
      });
    }
    return { environmentId, clientId: profile.activeClientId };
  };

  const statusOfToken = (token: TokenSet | null): TokenStatus => {
    if (token === null) return 'none';
    const left = token.expiresAt - now();
    if (left <= 0) return 'expired';
    return left <= EXPIRING_WARNING_MS ? 'expiring' : 'valid';
  };

  const describe = (profile: EnvironmentProfile, token: TokenSet | null): TokenState => {
    const error = lastErrors.get(profile.id);
    if (token === null) {
      return { status: error ? 'error' : 'none', autoRenew: profile.autoRenew, error };
    }
    return {
      status: statusOfToken(token),
      obtainedAt: token.issuedAt,
      expiresAt: token.expiresAt,
      tokenType: token.tokenType,
      scope: token.scope,
      ...decodeQuietly(token.accessToken),
      autoRenew: profile.autoRenew,
      error,
    };
  };

  const mintFor = async (environmentId: string): Promise<TokenSet> => {
    try {
      const token = await cache.get(keyOf(environmentId));
      lastErrors.delete(environmentId);
      return token;
    } catch (error) {
      lastErrors.set(environmentId, toAppError(error));
      throw error;
    }
  };

  const peek = (profile: EnvironmentProfile): TokenSet | null =>
    profile.activeClientId === null
      ? null
      : cache.peek({ environmentId: profile.id, clientId: profile.activeClientId });

  const service: TokenService = {
    cache,
    async state(environmentId) {
      const profile = profiles.get(environmentId);
      let token = peek(profile);
      const stale = token === null || token.expiresAt <= now();
      if (stale && profile.autoRenew && profile.activeClientId !== null) {
        token = await mintFor(environmentId).catch(() => null);
      }
      return describe(profiles.get(environmentId), token);
    },
    statusOf(profile) {
      const token = peek(profile);
      return token === null && lastErrors.has(profile.id) ? 'error' : statusOfToken(token);
    },
    async renew(environmentId) {
      cache.invalidateEnvironment(environmentId);
      warned.delete(environmentId);
      const token = await mintFor(environmentId);
      events.emit('token:renewed', { environmentId, expiresAt: token.expiresAt });
      return describe(profiles.get(environmentId), token);
    },
    async setAutoRenew(environmentId, enabled) {
      const profile = await profiles.update(environmentId, { autoRenew: enabled });
      return describe(profile, peek(profile));
    },
    current: mintFor,
    prime(environmentId, clientId, token) {
      cache.set({ environmentId, clientId }, token);
      lastErrors.delete(environmentId);
    },
    async tick() {
      for (const profile of profiles.list()) {
        const token = peek(profile);
        if (token === null) continue;
        const due = cache.dueAt({ environmentId: profile.id, clientId: profile.activeClientId! });
        if (profile.autoRenew && due !== null && now() >= due) {
          const renewed = await mintFor(profile.id).catch(() => null);
          if (renewed) {
            warned.delete(profile.id);
            events.emit('token:renewed', {
              environmentId: profile.id,
              expiresAt: renewed.expiresAt,
            });
          }
        } else if (
          !profile.autoRenew &&
          !warned.has(profile.id) &&
          token.expiresAt - now() <= EXPIRING_WARNING_MS &&
          token.expiresAt > now()
        ) {
          warned.add(profile.id);
          events.emit('token:expiring', { environmentId: profile.id, expiresAt: token.expiresAt });
        }
      }
    },
    dispose() {
      if (timer) clearInterval(timer);
      cache.clear();
    },
  };
  const tickMs = options.tickMs ?? 5_000;
  const timer = tickMs > 0 ? setInterval(() => void service.tick().catch(() => {}), tickMs) : null;
  timer?.unref?.();
  return service;
}

function decodeQuietly(jwt: string): Pick<TokenState, 'header' | 'claims'> {
  try {
    return { header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) };
  } catch {
    return {};
  }
}
