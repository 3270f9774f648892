import type { ClockReading } from './snapshot-types';

/** An offset past this (either way) is shown and used: below it, clocks count as in step. */
export const SKEW_THRESHOLD_MS = 30_000;

/** The longest Date header read: an IMF-fixdate is 29 characters. */
const MAX_DATE_HEADER_LENGTH = 64;

/** One request's timing and the server's Date header, as main saw them. */
export interface ClockSample {
  /** Local epoch ms just before the request was sent. */
  readonly sentAt: number;
  /** Local epoch ms when the response's headers arrived. */
  readonly receivedAt: number;
  /** The response's `Date` header (RFC 9110 §6.6.1), or null. */
  readonly dateHeader: string | null;
}

/**
 * How far the server's clock is from ours, from one response: the server wrote its Date header
 * somewhere between sending and receiving, so it is compared with the midpoint of the round
 * trip. The header has whole seconds (the server's time was in [Date, Date + 1 s)), so its middle,
 * Date + 500 ms, is taken. Null when there is no usable Date header.
 */
export function clockReadingOf(sample: ClockSample): ClockReading | null {
  const { sentAt, receivedAt, dateHeader } = sample;
  if (dateHeader === null || dateHeader.length > MAX_DATE_HEADER_LENGTH) return null;
  if (!Number.isFinite(sentAt) || !Number.isFinite(receivedAt) || receivedAt < sentAt) return null;
  const serverMs = Date.parse(dateHeader);
  if (!Number.isFinite(serverMs)) return null;
  const roundTrip = receivedAt - sentAt;
  const midpoint = sentAt + roundTrip / 2;
  return {
    offsetMs: Math.round(serverMs + 500 - midpoint),
    uncertaintyMs: Math.round(roundTrip / 2 + 500),
    measuredAt: receivedAt,
  };
}

/** The offset to apply to an environment's times: its reading when past the threshold, else 0. */
export function effectiveSkewMs(
  reading: Pick<ClockReading, 'offsetMs'> | null | undefined,
): number {
  if (!reading) return 0;
  return Math.abs(reading.offsetMs) > SKEW_THRESHOLD_MS ? reading.offsetMs : 0;
}

/** "5 min 2 s ahead", "40 s behind": an offset in words. */
export function describeSkew(offsetMs: number): string {
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    ...(hours > 0 ? [`${hours} h`] : []),
    ...(minutes > 0 ? [`${minutes} min`] : []),
    ...(seconds > 0 || total === 0 ? [`${seconds} s`] : []),
  ];
  return `${parts.join(' ')} ${offsetMs >= 0 ? 'ahead' : 'behind'}`;
}

/**
 * When a token of the environment really expires, on this computer's clock: main's expiry (from
 * `expires_in`, already local) or the token's `exp` (the server's clock) moved by the skew,
 * whichever comes first.
 */
export function localExpiry(expiresAt: number, expClaim: unknown, skewMs: number): number {
  if (typeof expClaim !== 'number' || !Number.isFinite(expClaim)) return expiresAt;
  return Math.min(expiresAt, expClaim * 1000 - skewMs);
}
