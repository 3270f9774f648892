import type { TokenSet } from '../../../shared/domain';

/** Which access token: one per environment and client_id. */
export interface TokenKey {
  readonly environmentId: string;
  readonly clientId: string;
}

/** How far ahead of expiry a token is renewed at most: 5 minutes. */
export const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

/** Share of a token's lifetime renewed ahead when that is less than 5 minutes (short lifetimes). */
export const REFRESH_MARGIN_SHARE = 0.1;

/** Settings of a token cache. */
export interface TokenCacheOptions {
  /** Obtains a new token for a key (the OAuth exchange); the cache never calls it twice at once per key. */
  readonly mint: (key: TokenKey) => Promise<TokenSet>;
  /** Epoch ms; defaults to Date.now. */
  readonly now?: () => number;
  /** Told about every token that enters the cache (from a mint or `set`), e.g. to schedule auto-renew. */
  readonly onRenewed?: (key: TokenKey, token: TokenSet) => void;
}

/** The in-memory access-token cache: single-flight mints, renewal ahead of expiry, no timers. */
export interface TokenCache {
  /** A token that is not yet due for renewal; mints (once, shared by concurrent callers) when needed. */
  get(key: TokenKey): Promise<TokenSet>;
  /** The cached token as it is (possibly due or expired), or null; never mints. */
  peek(key: TokenKey): TokenSet | null;
  /** Puts a token obtained elsewhere into the cache; an older mint still in flight will not replace it. */
  set(key: TokenKey, token: TokenSet): void;
  /** When the cached token becomes due for renewal (epoch ms), or null when nothing is cached. */
  dueAt(key: TokenKey): number | null;
  /** Forgets the key's token; a mint in flight will not put its result back. */
  invalidate(key: TokenKey): void;
  /** Forgets every token of an environment (on revoke, credential switch or removal). */
  invalidateEnvironment(environmentId: string): void;
  /** Forgets every token. */
  clear(): void;
  /**
   * Runs `use` with a token; when it fails with a 401 (as `isUnauthorized` judges), drops that
   * token, obtains another (one exchange, shared with concurrent callers) and retries once.
   */
  withToken<T>(
    key: TokenKey,
    use: (accessToken: string) => Promise<T>,
    isUnauthorized: (error: unknown) => boolean,
  ): Promise<T>;
}

/** How long before `expiresAt` a token is renewed: min(5 min, 10 % of its lifetime). */
export function refreshMarginMs(token: Pick<TokenSet, 'issuedAt' | 'expiresAt'>): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  return Math.min(MAX_REFRESH_MARGIN_MS, lifetime * REFRESH_MARGIN_SHARE);
}

/** The instant (epoch ms) from which a token counts as due for renewal. */
export function refreshDueAt(token: Pick<TokenSet, 'issuedAt' | 'expiresAt'>): number {
  return token.expiresAt - refreshMarginMs(token);
}

interface Flight {
  readonly generation: number;
  readonly promise: Promise<TokenSet>;
}

interface Entry {
  readonly key: TokenKey;
  token: TokenSet | null;
  flight: Flight | null;
  /** Bumped by every invalidation or `set`; a mint only stores its result if it still matches. */
  generation: number;
}

/** Creates an empty token cache. */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // One counter for the whole cache, so a re-created entry never reuses a generation number.
  let generations = 0;

  const idOf = (key: TokenKey): string => JSON.stringify([key.environmentId, key.clientId]);

  const entryOf = (key: TokenKey): Entry => {
    const id = idOf(key);
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = {
        key: { environmentId: key.environmentId, clientId: key.clientId },
        token: null,
        flight: null,
        generation: ++generations,
      };
      entries.set(id, entry);
    }
    return entry;
  };

  const announce = (key: TokenKey, token: TokenSet): void => {
    try {
      options.onRenewed?.(key, token);
    } catch {
      // A listener's failure must not turn a good token into an error for the caller.
    }
  };

  const drop = (id: string, entry: Entry): void => {
    // Any flight of this entry is now stale: its result must never be stored.
    entry.generation = ++generations;
    entries.delete(id);
  };

  const startMint = (entry: Entry): Flight => {
    const generation = entry.generation;
    const promise = (async () => {
      try {
        const token = await options.mint(entry.key);
        if (entry.generation === generation) {
          entry.token = token;
          announce(entry.key, token);
        }
        return token;
      } finally {
        if (entry.flight?.generation === generation) entry.flight = null;
      }
    })();
    return { generation, promise };
  };

  const get = (key: TokenKey): Promise<TokenSet> => {
    const entry = entryOf(key);
    const token = entry.token;
    if (token !== null && now() < refreshDueAt(token)) return Promise.resolve(token);
    entry.flight ??= startMint(entry);
    return entry.flight.promise;
  };

  /** Drops `token` only if it is still the cached one (a concurrent caller may have renewed it). */
  const discard = (key: TokenKey, token: TokenSet): void => {
    const entry = entries.get(idOf(key));
    if (entry?.token === token) entry.token = null;
  };

  return {
    get,
    peek: (key) => entries.get(idOf(key))?.token ?? null,
    set(key, token) {
      const entry = entryOf(key);
      entry.generation = ++generations;
      entry.flight = null;
      entry.token = token;
      announce(entry.key, token);
    },
    dueAt(key) {
      const token = entries.get(idOf(key))?.token ?? null;
      return token === null ? null : refreshDueAt(token);
    },
    invalidate(key) {
      const id = idOf(key);
      const entry = entries.get(id);
      if (entry !== undefined) drop(id, entry);
    },
    invalidateEnvironment(environmentId) {
      for (const [id, entry] of [...entries]) {
        if (entry.key.environmentId === environmentId) drop(id, entry);
      }
    },
    clear() {
      for (const [id, entry] of [...entries]) drop(id, entry);
    },
    async withToken(key, use, isUnauthorized) {
      const token = await get(key);
      try {
        return await use(token.accessToken);
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        discard(key, token);
        const fresh = await get(key);
        return use(fresh.accessToken);
      }
    },
  };
}
