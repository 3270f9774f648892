import { z } from 'zod';
import type { ClockReading, KeyRotation, SeenInTokens } from '../../../shared/fleet/snapshot-types';
import { secretShapeOf } from '../secrets/secret-shape';
import { cleanText, type CredentialsHead } from './credentials-part';
import { publicJwk, type PublicJwk } from './public-jwk';

/** The most keys a snapshot keeps of a JWKS. */
export const MAX_SNAPSHOT_KEYS = 100;
/** The most issuers, audiences or kids a snapshot remembers from tokens. */
export const MAX_SEEN = 20;

/** An environment's JWKS snapshot: public keys, their kids, and the change since the previous set. */
export interface JwksPart {
  readonly fetchedAt: number;
  readonly url: string;
  readonly keys: readonly PublicJwk[];
  readonly kids: readonly string[];
  readonly previous: { readonly fetchedAt: number; readonly kids: readonly string[] } | null;
  readonly rotation: KeyRotation | null;
}

/** A server clock reading, and the origin it was read from. */
export type StoredClock = ClockReading & { readonly origin: string };

/**
 * What main keeps of one environment besides its list (`snapshots/<id>.json`): the list's head,
 * the public keys, the server's clock and what its tokens said. Never a secret or a token.
 */
export interface StoredSnapshot {
  readonly environmentId: string;
  readonly credentials: CredentialsHead | null;
  readonly jwks: JwksPart | null;
  readonly clock: StoredClock | null;
  readonly seen: SeenInTokens;
}

const Text = z.string().max(4096);
const Kids = z.array(Text).max(MAX_SNAPSHOT_KEYS * 2);
const SeenList = z.array(Text).max(MAX_SEEN);
const SnapshotFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  environmentId: Text,
  credentials: z
    .strictObject({
      source: Text,
      fetchedAt: z.number(),
      truncated: z.boolean(),
      count: z.number().int().min(0),
      active: z.number().int().min(0),
    })
    .nullable(),
  jwks: z
    .strictObject({
      fetchedAt: z.number(),
      url: Text,
      keys: z.array(z.record(z.string(), z.unknown())).max(MAX_SNAPSHOT_KEYS),
      kids: Kids,
      previous: z.strictObject({ fetchedAt: z.number(), kids: Kids }).nullable(),
      rotation: z
        .strictObject({ at: z.number(), previousFetchedAt: z.number(), gained: Kids, lost: Kids })
        .nullable(),
    })
    .nullable(),
  clock: z
    .strictObject({
      origin: Text,
      offsetMs: z.number(),
      uncertaintyMs: z.number(),
      measuredAt: z.number(),
    })
    .nullable(),
  seen: z.strictObject({ issuers: SeenList, audiences: SeenList, kids: SeenList }),
});

/** An empty snapshot of an environment. */
export function emptySnapshot(environmentId: string): StoredSnapshot {
  return {
    environmentId,
    credentials: null,
    jwks: null,
    clock: null,
    seen: { issuers: [], audiences: [], kids: [] },
  };
}

/** A snapshot read from its file, or null when the text is not one (a damaged file is a cache miss). */
export function parseSnapshot(text: string, environmentId: string): StoredSnapshot | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SnapshotFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.environmentId !== environmentId) return null;
  const { schemaVersion: _version, ...snapshot } = parsed.data;
  return sanitizeSnapshot(snapshot);
}

/**
 * The file text of a sanitized snapshot, compact JSON. A last line of defence: refuses (throws)
 * when the text holds anything shaped like a secret or a token.
 */
export function serializeSnapshot(snapshot: StoredSnapshot): string {
  const text = `${JSON.stringify({ schemaVersion: 1, ...snapshot })}\n`;
  const shape = secretShapeOf(text);
  if (shape !== null)
    throw new Error(`Refused to write a snapshot holding what looks like ${shape}.`);
  return text;
}

/** Distinct clean strings, at most `max`. */
export function cleanList(values: readonly unknown[], max: number): string[] {
  const kept = values.map(cleanText).filter((value): value is string => value !== null);
  return [...new Set(kept)].slice(0, max);
}

/** The snapshot with every part bounded and stripped to what it may hold (on read and on write). */
export function sanitizeSnapshot(snapshot: StoredSnapshot): StoredSnapshot {
  const { credentials, jwks, clock, seen } = snapshot;
  return {
    environmentId: snapshot.environmentId,
    credentials: credentials && {
      source: credentials.source,
      fetchedAt: credentials.fetchedAt,
      truncated: credentials.truncated,
      count: credentials.count,
      active: credentials.active,
    },
    jwks: jwks && {
      fetchedAt: jwks.fetchedAt,
      url: jwks.url,
      keys: jwks.keys
        .slice(0, MAX_SNAPSHOT_KEYS)
        .map(publicJwk)
        .filter((key): key is PublicJwk => key !== null),
      kids: cleanList(jwks.kids, MAX_SNAPSHOT_KEYS),
      previous: jwks.previous && {
        fetchedAt: jwks.previous.fetchedAt,
        kids: cleanList(jwks.previous.kids, MAX_SNAPSHOT_KEYS),
      },
      rotation: jwks.rotation && {
        at: jwks.rotation.at,
        previousFetchedAt: jwks.rotation.previousFetchedAt,
        gained: cleanList(jwks.rotation.gained, MAX_SNAPSHOT_KEYS),
        lost: cleanList(jwks.rotation.lost, MAX_SNAPSHOT_KEYS),
      },
    },
    clock: clock && {
      origin: clock.origin,
      offsetMs: clock.offsetMs,
      uncertaintyMs: clock.uncertaintyMs,
      measuredAt: clock.measuredAt,
    },
    seen: {
      issuers: cleanList(seen.issuers, MAX_SEEN),
      audiences: cleanList(seen.audiences, MAX_SEEN),
      kids: cleanList(seen.kids, MAX_SEEN),
    },
  };
}
