import { normalizeIssuer } from './issuers';
import type { FleetIndexEntry } from './snapshot-types';
import type { TokenFacts } from './token-facts';

/** What a found identifier is. */
export type FindKind = 'client_id' | 'name' | 'kid';

/** One thing "find" found: a credential (by client_id or name) or a key, in one environment. */
export interface FindHit {
  readonly kind: FindKind;
  readonly environmentId: string;
  /** The identifier that matched (the client_id, the credential's name, the kid). */
  readonly value: string;
  /** The credential's client_id and name, for credential hits. */
  readonly clientId?: string;
  readonly name?: string;
  /** The whole identifier equals the query (case-insensitively). */
  readonly exact: boolean;
}

/** Why a token was matched to an environment, strongest first. */
export type MatchReason = 'client_id' | 'kid' | 'issuer' | 'audience';

const REASON_ORDER: readonly MatchReason[] = ['client_id', 'kid', 'issuer', 'audience'];

/** An environment a token belongs to, and which of its claims say so. */
export interface EnvironmentMatch {
  readonly environmentId: string;
  readonly reasons: readonly MatchReason[];
}

/** Answers "where is this from?" over every environment's identifiers. */
export interface Finder {
  /** Identifiers that equal or start with the query (or a word of a credential's name), exact first. */
  find(query: string, limit?: number): FindHit[];
  /**
   * The environments whose identifiers a token's claims name, the best-supported first; one
   * matched by its audience alone is left out when another is matched by more.
   */
  matchToken(facts: TokenFacts): EnvironmentMatch[];
  /** How many identifiers the index holds. */
  readonly size: number;
}

interface Posting {
  readonly kind: FindKind;
  readonly environmentId: string;
  readonly value: string;
  readonly clientId?: string;
  readonly name?: string;
}

/** The default number of hits `find` returns. */
export const DEFAULT_FIND_LIMIT = 50;

/** Longest query looked up: identifiers are shorter, so a longer one finds nothing. */
const MAX_QUERY = 512;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first index in sorted `keys` whose key is ≥ `query` (binary search). */
function lowerBound(keys: readonly string[], query: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! < query) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The words of a name after its first, for "worker" to find "CI worker". */
function laterWords(lower: string): string[] {
  const words = lower.split(/[\s_\-./:]+/).filter((word) => word !== '');
  return words.slice(1);
}

/**
 * Builds the finder once per index: a Map for exact lookups and a sorted key array for prefixes,
 * so a keystroke costs a binary search and the hits it returns, never a scan of every entry.
 */
export function buildFinder(entries: readonly FleetIndexEntry[]): Finder {
  const exact = new Map<string, Posting[]>();
  const prefix: { key: string; posting: Posting }[] = [];
  const byClientId = new Map<string, string[]>();
  const byKid = new Map<string, string[]>();
  const byIssuer = new Map<string, string[]>();
  const byAudience = new Map<string, string[]>();
  const add = (posting: Posting, words: readonly string[] = []): void => {
    const key = posting.value.toLowerCase();
    push(exact, key, posting);
    prefix.push({ key, posting });
    for (const word of words) prefix.push({ key: word, posting });
  };
  for (const entry of entries) {
    const id = entry.environmentId;
    entry.clientIds.forEach((clientId, index) => {
      const name = entry.names[index] ?? '';
      add({ kind: 'client_id', environmentId: id, value: clientId, clientId, name });
      if (name !== '') {
        const posting = { kind: 'name', environmentId: id, value: name, clientId, name } as const;
        add(posting, laterWords(name.toLowerCase()));
      }
      push(byClientId, clientId, id);
    });
    for (const kid of new Set(entry.kids)) {
      add({ kind: 'kid', environmentId: id, value: kid });
      push(byKid, kid, id);
    }
    for (const issuer of new Set(entry.issuers.map(normalizeIssuer))) push(byIssuer, issuer, id);
    for (const audience of new Set(entry.audiences)) push(byAudience, audience, id);
  }
  prefix.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = prefix.map((item) => item.key);

  return {
    size: exact.size,
    find(query, limit = DEFAULT_FIND_LIMIT) {
      const q = query.trim().toLowerCase();
      if (q === '' || q.length > MAX_QUERY) return [];
      const seen = new Set<Posting>();
      const hits: FindHit[] = [];
      const take = (posting: Posting, isExact: boolean): void => {
        if (seen.has(posting) || hits.length >= limit) return;
        seen.add(posting);
        hits.push({ ...posting, exact: isExact });
      };
      for (const posting of exact.get(q) ?? []) take(posting, true);
      for (let i = lowerBound(keys, q); i < keys.length && hits.length < limit; i++) {
        if (!keys[i]!.startsWith(q)) break;
        take(prefix[i]!.posting, false);
      }
      return hits;
    },
    matchToken(facts) {
      const reasons = new Map<string, Set<MatchReason>>();
      const note = (ids: readonly string[] | undefined, reason: MatchReason): void => {
        for (const id of ids ?? []) {
          const set = reasons.get(id) ?? new Set<MatchReason>();
          set.add(reason);
          reasons.set(id, set);
        }
      };
      for (const clientId of facts.clientIds) note(byClientId.get(clientId), 'client_id');
      if (facts.kid !== null) note(byKid.get(facts.kid), 'kid');
      if (facts.issuer !== null) note(byIssuer.get(normalizeIssuer(facts.issuer)), 'issuer');
      for (const audience of facts.audiences) note(byAudience.get(audience), 'audience');
      const strength = (set: ReadonlySet<MatchReason>): number =>
        REASON_ORDER.reduce((sum, reason, index) => sum + (set.has(reason) ? 16 >> index : 0), 0);
      const ranked = [...reasons]
        .map(([environmentId, set]) => ({
          environmentId,
          reasons: REASON_ORDER.filter((reason) => set.has(reason)),
          score: strength(set),
        }))
        .sort((a, b) => b.score - a.score);
      // Environments of one API often share an audience: alone, it does not outweigh a client,
      // a kid or an issuer that names one environment.
      const strong = ranked.some((match) => match.reasons.some((reason) => reason !== 'audience'));
      return ranked
        .filter((match) => !strong || match.reasons.some((reason) => reason !== 'audience'))
        .map(({ environmentId, reasons: list }) => ({ environmentId, reasons: list }));
    },
  };
}
