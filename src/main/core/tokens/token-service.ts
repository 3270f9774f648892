import { decodeJwt, decodeProtectedHeader } from 'jose';
import type {
  CopyOutcome,
  Environment,
  RevealedToken,
  TokenCopyFormat,
  TokenRequestSummary,
  TokenSet,
  TokenState,
  TokenStatus,
} from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { ConfirmPort } from '../confirm/confirm-port';
import { revealTokenRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import type { EventBus } from '../event-bus';
import { exchangeClientCredentials } from './oauth';
import type { EnvironmentStore } from '../environments/environment-store';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { ClientKeys } from './client-keys';
import { environmentTokenRequest, summarizeTokenRequest } from './token-request';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { createTokenCache, type TokenCache } from './token-cache';
import { tokenCopyText } from './token-copy';

/** How long before expiry a token counts as "expiring" and a warning is sent. */
export const EXPIRING_WARNING_MS = 5 * 60_000;

/** An environment's access token: minted with its active credential, cached, renewed ahead. */
export interface TokenService {
  readonly cache: TokenCache;
  /** The token state the panel shows; mints one first when auto-renew is on and none is cached. */
  state(environmentId: string): Promise<TokenState>;
  /** The status shown in the sidebar, from the cache only (never mints). */
  statusOf(environment: Environment): TokenStatus;
  /** Throws the cached token away and mints a new one. */
  renew(environmentId: string): Promise<TokenState>;
  setAutoRenew(environmentId: string, enabled: boolean): Promise<TokenState>;
  /** A valid token for the environment's active credential (minted if needed). */
  current(environmentId: string): Promise<TokenSet>;
  /** The raw token, for the page, only on the user's explicit request (confirmed in production). */
  reveal(environmentId: string): Promise<RevealedToken>;
  /** Copies the token (bare, as a header or as a curl command) through main; cleared after 30 s. */
  copy(environmentId: string, format: TokenCopyFormat): Promise<CopyOutcome>;
  /** Puts a token obtained elsewhere (the proof of a new environment) into the cache. */
  prime(
    environmentId: string,
    clientId: string,
    token: TokenSet,
    request?: TokenRequestSummary,
  ): void;
  /** Renews due tokens of auto-renew environments and warns about expiring ones; run by a timer. */
  tick(): Promise<void>;
  dispose(): void;
}

/** Builds the token service; `tickMs` 0 disables the timer (tests call `tick()` by hand). */
export function createTokenService(options: {
  readonly environmentStore: EnvironmentStore;
  /** Gives the secret only while it is bound to the environment's endpoint and kind. */
  readonly secrets: Pick<BoundSecrets, 'sendable' | 'sendableHeaders'>;
  /** Signs private_key_jwt assertions, only for the environment's own token endpoint. */
  readonly clientKeys: Pick<ClientKeys, 'assertion'>;
  readonly events: EventBus;
  readonly clipboard: Pick<ClipboardGuard, 'copySecret'>;
  /** Asks the person before a production token is shown to the page. */
  readonly confirm: ConfirmPort;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly tickMs?: number;
}): TokenService {
  const { environmentStore, secrets, events, clipboard, now } = options;
  const lastErrors = new Map<string, AppError>();
  /** What each environment's last token request sent (never a secret or an assertion). */
  const lastRequests = new Map<string, TokenRequestSummary>();
  const warned = new Set<string>();

  const cache = createTokenCache({
    now,
    async mint({ environmentId, clientId }) {
      const environment = environmentStore.get(environmentId);
      const request = await environmentTokenRequest(environment, clientId, {
        secrets,
        clientKeys: options.clientKeys,
      });
      lastRequests.set(environmentId, summarizeTokenRequest(request, now()));
      return exchangeClientCredentials({ ...request, fetch: options.fetch, now });
    },
  });

  const keyOf = (environmentId: string) => {
    const environment = environmentStore.get(environmentId);
    if (environment.activeClientId === null) {
      throw new AppFailure({
        kind: 'validation',
        message: `“${environment.name}” has no active credential yet: edit it and paste a client_id and secret.`,
        errors: [{ param: 'clientId', detail: 'No active credential.' }],
      });
    }
    return { environmentId, clientId: environment.activeClientId };
  };

  const statusOfToken = (token: TokenSet | null): TokenStatus => {
    if (token === null) return 'none';
    const left = token.expiresAt - now();
    if (left <= 0) return 'expired';
    return left <= EXPIRING_WARNING_MS ? 'expiring' : 'valid';
  };

  const describe = (environment: Environment, token: TokenSet | null): TokenState => {
    const error = lastErrors.get(environment.id);
    const request = lastRequests.get(environment.id);
    if (token === null) {
      return { status: error ? 'error' : 'none', autoRenew: environment.autoRenew, error, request };
    }
    return {
      status: statusOfToken(token),
      obtainedAt: token.issuedAt,
      expiresAt: token.expiresAt,
      tokenType: token.tokenType,
      scope: token.scope,
      ...decodeQuietly(token.accessToken),
      autoRenew: environment.autoRenew,
      error,
      request,
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

  const peek = (environment: Environment): TokenSet | null =>
    environment.activeClientId === null
      ? null
      : cache.peek({ environmentId: environment.id, clientId: environment.activeClientId });

  const service: TokenService = {
    cache,
    async state(environmentId) {
      const environment = environmentStore.get(environmentId);
      let token = peek(environment);
      const stale = token === null || token.expiresAt <= now();
      if (stale && environment.autoRenew && environment.activeClientId !== null) {
        token = await mintFor(environmentId).catch(() => null);
      }
      return describe(environmentStore.get(environmentId), token);
    },
    statusOf(environment) {
      const token = peek(environment);
      return token === null && lastErrors.has(environment.id) ? 'error' : statusOfToken(token);
    },
    async renew(environmentId) {
      cache.invalidateEnvironment(environmentId);
      warned.delete(environmentId);
      const token = await mintFor(environmentId);
      events.emit('token:renewed', { environmentId, expiresAt: token.expiresAt });
      return describe(environmentStore.get(environmentId), token);
    },
    async setAutoRenew(environmentId, enabled) {
      const environment = await environmentStore.update(environmentId, { autoRenew: enabled });
      return describe(environment, peek(environment));
    },
    current: mintFor,
    async reveal(environmentId) {
      const environment = environmentStore.get(environmentId);
      const { clientId } = keyOf(environmentId);
      await confirmInProduction(options.confirm, environment, () =>
        revealTokenRequest(environment, clientId),
      );
      // The person agreed to this credential's token: not to another's switched in meanwhile.
      if (keyOf(environmentId).clientId !== clientId) {
        throw new AppFailure({
          kind: 'conflict',
          message: `“${environment.name}” switched credentials while you were confirming: nothing was shown.`,
        });
      }
      const { accessToken, expiresAt } = await mintFor(environmentId);
      return { accessToken, expiresAt };
    },
    async copy(environmentId, format) {
      const { accessToken } = await mintFor(environmentId);
      const { baseUrl } = environmentStore.get(environmentId);
      return clipboard.copySecret(tokenCopyText(format, accessToken, baseUrl));
    },
    prime(environmentId, clientId, token, request) {
      cache.set({ environmentId, clientId }, token);
      lastErrors.delete(environmentId);
      if (request !== undefined) lastRequests.set(environmentId, request);
    },
    async tick() {
      for (const environment of environmentStore.list()) {
        const token = peek(environment);
        if (token === null) continue;
        const due = cache.dueAt({
          environmentId: environment.id,
          clientId: environment.activeClientId!,
        });
        if (environment.autoRenew && due !== null && now() >= due) {
          const renewed = await mintFor(environment.id).catch(() => null);
          if (renewed) {
            warned.delete(environment.id);
            events.emit('token:renewed', {
              environmentId: environment.id,
              expiresAt: renewed.expiresAt,
            });
          }
        } else if (
          !environment.autoRenew &&
          !warned.has(environment.id) &&
          token.expiresAt - now() <= EXPIRING_WARNING_MS &&
          token.expiresAt > now()
        ) {
          warned.add(environment.id);
          events.emit('token:expiring', {
            environmentId: environment.id,
            expiresAt: token.expiresAt,
          });
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
