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
  /**
   * Identifiers that equal the query, start with it (or a word of a credential's name does), or
   * whose client_id or kid ends with it, in that order. A shortened form as the app shows it
   * ("dinie_ci_550e…55440000") finds the identifiers with that head and tail.
   */
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

type Compare = (a: string, b: string) => number;

/** Code-unit order from the first character. */
const fromStart: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Code-unit order from the last character: keys that end alike sort together, unreversed. */
const fromEnd: Compare = (a, b) => {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    const diff = a.charCodeAt(i) - b.charCodeAt(j);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
};

/** Keys sorted once in one order, for the range of those that start (or end) with a query. */
interface SortedKeys {
  readonly keys: readonly string[];
  readonly postings: readonly Posting[];
  readonly compare: Compare;
  /** What every key that starts (ends) with `query` sorts below. */
  readonly past: (query: string) => string;
}

function sortedKeys(
  items: { key: string; posting: Posting }[],
  compare: Compare,
  past: (query: string) => string,
): SortedKeys {
  items.sort((a, b) => compare(a.key, b.key));
  return {
    keys: items.map((item) => item.key),
    postings: items.map((item) => item.posting),
    compare,
    past,
  };
}

/** The first index whose key is ≥ `query` in the keys' order (binary search). */
function lowerBound(sorted: SortedKeys, query: string): number {
  let low = 0;
  let high = sorted.keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted.compare(sorted.keys[mid]!, query) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index range [start, end) of the keys that start (or end) with `query`. */
function rangeOf(sorted: SortedKeys, query: string): [number, number] {
  return [lowerBound(sorted, query), lowerBound(sorted, sorted.past(query))];
}

/** How the app shortens an identifier in the middle: "…" (or "..." when typed). */
const ELISION = /…|\.\.\./;

/** The words of a name after its first, for "worker" to find "CI worker". */
function laterWords(lower: string): string[] {
  const words = lower.split(/[\s_\-./:]+/).filter((word) => word !== '');
  return words.slice(1);
}

/**
 * Builds the finder once per index: a Map for exact lookups, a sorted key array for prefixes and
 * one of client_ids and kids sorted by their ends for tails, so a keystroke costs a few binary searches and
 * the hits it returns. A shortened "head…tail" walks the smaller of its two ranges, never more.
 */
export function buildFinder(entries: readonly FleetIndexEntry[]): Finder {
  const exact = new Map<string, Posting[]>();
  const prefix: { key: string; posting: Posting }[] = [];
  // client_ids and kids in order of their ends, for the tail the app shows of a shortened one.
  const suffix: { key: string; posting: Posting }[] = [];
  const byClientId = new Map<string, string[]>();
  const byKid = new Map<string, string[]>();
  const byIssuer = new Map<string, string[]>();
  const byAudience = new Map<string, string[]>();
  const add = (posting: Posting, words: readonly string[] = []): void => {
    const key = posting.value.toLowerCase();
    push(exact, key, posting);
    prefix.push({ key, posting });
    for (const word of words) prefix.push({ key: word, posting });
    if (posting.kind !== 'name') suffix.push({ key, posting });
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
  // The highest code unit after (before) a query sorts past every key that starts (ends) with it.
  const byPrefix = sortedKeys(prefix, fromStart, (query) => `${query}\uffff`);
  const bySuffix = sortedKeys(suffix, fromEnd, (query) => `\uffff${query}`);

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
      const [head, tail, ...more] = q.split(ELISION);
      if (tail !== undefined && more.length === 0) {
        // A shortened identifier: walk the smaller of the head's and the tail's ranges.
        const heads = rangeOf(byPrefix, head!);
        const tails = rangeOf(bySuffix, tail);
        const fromHeads = heads[1] - heads[0] <= tails[1] - tails[0];
        const [start, end] = fromHeads ? heads : tails;
        const sorted = fromHeads ? byPrefix : bySuffix;
        for (let i = start; i < end && hits.length < limit; i++) {
          const posting = sorted.postings[i]!;
          const value = posting.value.toLowerCase();
          const whole = value.length >= head!.length + tail.length;
          if (whole && value.startsWith(head!) && value.endsWith(tail)) take(posting, false);
        }
        return hits;
      }
      const [start, end] = rangeOf(byPrefix, q);
      for (let i = start; i < end && hits.length < limit; i++) take(byPrefix.postings[i]!, false);
      const [tailStart, tailEnd] = rangeOf(bySuffix, q);
      for (let i = tailStart; i < tailEnd && hits.length < limit; i++) {
        take(bySuffix.postings[i]!, false);
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
