import type { WatchedToken } from '../domain';
import type { SnapshotCredentials } from './snapshot-types';

/** The periods the timeline groups expiries into, soonest first. */
export const TIMELINE_BUCKETS = ['overdue', 'week', 'month', 'quarter', 'later'] as const;

/** One period of the timeline. */
export type TimelineBucket = (typeof TIMELINE_BUCKETS)[number];

/** How each period is titled. */
export const TIMELINE_TITLES: Readonly<Record<TimelineBucket, string>> = {
  overdue: 'Expired',
  week: 'Within 7 days',
  month: 'Within 30 days',
  quarter: 'Within 90 days',
  later: 'Later',
};

/** One expiry on the timeline: a credential's, or a pinned token's. */
export type TimelineEntry =
  | {
      readonly kind: 'credential';
      /** When it expires on this computer's clock (the server's time moved by the skew). */
      readonly at: number;
      readonly bucket: TimelineBucket;
      readonly environmentId: string;
      readonly clientId: string;
      readonly name: string;
    }
  | {
      readonly kind: 'token';
      readonly at: number;
      readonly bucket: TimelineBucket;
      /** The environment its issuer matched, when one did. */
      readonly environmentId: string | null;
      readonly watchId: string;
      readonly label: string;
      readonly issuer: string | null;
    };

const DAY_MS = 86_400_000;

/** The period an instant falls in, seen from `now`. */
export function bucketOf(at: number, now: number): TimelineBucket {
  const left = at - now;
  if (left <= 0) return 'overdue';
  if (left <= 7 * DAY_MS) return 'week';
  if (left <= 30 * DAY_MS) return 'month';
  if (left <= 90 * DAY_MS) return 'quarter';
  return 'later';
}

/**
 * Every expiry across the fleet, soonest first: active credentials with an expiry (from the
 * snapshots) and pinned tokens. Server times are moved onto this computer's clock by each
 * environment's skew (`skewOf`), and a pinned token is placed in the environment its issuer
 * matches (`environmentOfIssuer`). Expired credentials older than `keepExpiredDays` are left out.
 */
export function expiryTimeline(input: {
  readonly snapshots: readonly SnapshotCredentials[];
  readonly watched: readonly WatchedToken[];
  readonly now: number;
  readonly skewOf?: (environmentId: string) => number;
  readonly environmentOfIssuer?: (issuer: string | null) => string | null;
  readonly keepExpiredDays?: number;
}): TimelineEntry[] {
  const skew = (id: string | null): number => (id === null ? 0 : (input.skewOf?.(id) ?? 0));
  const oldest = input.now - (input.keepExpiredDays ?? 30) * DAY_MS;
  const entries: TimelineEntry[] = [];
  for (const snapshot of input.snapshots) {
    const offset = skew(snapshot.environmentId);
    for (const credential of snapshot.credentials) {
      if (credential.status !== 'active' || credential.expiresAt === null) continue;
      const server = Date.parse(credential.expiresAt);
      if (!Number.isFinite(server)) continue;
      const at = server - offset;
      if (at < oldest) continue;
      entries.push({
        kind: 'credential',
        at,
        bucket: bucketOf(at, input.now),
        environmentId: snapshot.environmentId,
        clientId: credential.clientId,
        name: credential.name,
      });
    }
  }
  for (const token of input.watched) {
    const environmentId = input.environmentOfIssuer?.(token.issuer) ?? null;
    const at = token.expiresAt - skew(environmentId);
    entries.push({
      kind: 'token',
      at,
      bucket: bucketOf(at, input.now),
      environmentId,
      watchId: token.id,
      label: token.label,
      issuer: token.issuer,
    });
  }
  return entries.sort((a, b) => a.at - b.at);
}
