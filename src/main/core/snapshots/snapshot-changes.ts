import type { SeenInTokens } from '../../../shared/fleet/snapshot-types';
import type { TokenFacts } from '../../../shared/fleet/token-facts';
import { cleanList, MAX_SEEN, MAX_SNAPSHOT_KEYS, type JwksPart } from './snapshot-file';
import type { PublicJwk } from './public-jwk';

/**
 * The key set after a download: the new keys, and when their kids differ from the kept set's
 * (a kid gained or lost), the kept set becomes `previous` and the difference a rotation. The
 * same kids again keep the last rotation. A set from another URL starts afresh.
 */
export function nextJwks(
  current: JwksPart | null,
  fetched: {
    readonly url: string;
    readonly fetchedAt: number;
    readonly keys: readonly PublicJwk[];
  },
): JwksPart {
  const kids = cleanList(
    fetched.keys.map((key) => key['kid']),
    MAX_SNAPSHOT_KEYS,
  );
  const base = { url: fetched.url, fetchedAt: fetched.fetchedAt, keys: fetched.keys, kids };
  if (current === null || current.url !== fetched.url) {
    return { ...base, previous: null, rotation: null };
  }
  const before = new Set(current.kids);
  const after = new Set(kids);
  const gained = kids.filter((kid) => !before.has(kid));
  const lost = current.kids.filter((kid) => !after.has(kid));
  if (gained.length === 0 && lost.length === 0) {
    return { ...base, previous: current.previous, rotation: current.rotation };
  }
  return {
    ...base,
    previous: { fetchedAt: current.fetchedAt, kids: current.kids },
    rotation: { at: fetched.fetchedAt, previousFetchedAt: current.fetchedAt, gained, lost },
  };
}

/** Most recent first, distinct, bounded: `value` added in front of `list`. */
function remember(list: readonly string[], values: readonly (string | null)[]): string[] {
  return cleanList([...values, ...list], MAX_SEEN);
}

/** What tokens said after one more token's facts, or null when nothing new was learned. */
export function nextSeen(current: SeenInTokens | null, facts: TokenFacts): SeenInTokens | null {
  const seen = current ?? { issuers: [], audiences: [], kids: [] };
  const next = {
    issuers: remember(seen.issuers, [facts.issuer]),
    audiences: remember(seen.audiences, facts.audiences),
    kids: remember(seen.kids, [facts.kid]),
  };
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((value, index) => value === b[index]);
  return same(next.issuers, seen.issuers) &&
    same(next.audiences, seen.audiences) &&
    same(next.kids, seen.kids)
    ? null
    : next;
}
