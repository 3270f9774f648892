import { describe, expect, it } from 'vitest';
import {
  clockReadingOf,
  describeSkew,
  effectiveSkewMs,
  localExpiry,
  SKEW_THRESHOLD_MS,
} from '../../src/shared/fleet/clock-skew';

const T = Date.UTC(2026, 2, 1, 12, 0, 0);
const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('clock skew from a Date header', () => {
  it('compares the header with the midpoint of the round trip, the header taken at its half second', () => {
    // Sent at T, answered at T + 2 s: the server stamped it around T + 1 s on our clock.
    const reading = clockReadingOf({
      sentAt: T,
      receivedAt: T + 2000,
      dateHeader: httpDate(T + 1000 + 300_000),
    });
    expect(reading).toEqual({ offsetMs: 300_500, uncertaintyMs: 1500, measuredAt: T + 2000 });
  });

  it('measures a server behind us as a negative offset', () => {
    const reading = clockReadingOf({ sentAt: T, receivedAt: T, dateHeader: httpDate(T - 45_000) });
    expect(reading?.offsetMs).toBe(-44_500);
  });

  it('reads nothing from a missing, unparsable or overlong header, or from impossible timings', () => {
    expect(clockReadingOf({ sentAt: T, receivedAt: T + 5, dateHeader: null })).toBeNull();
    expect(
      clockReadingOf({ sentAt: T, receivedAt: T + 5, dateHeader: 'yesterday-ish' }),
    ).toBeNull();
    expect(
      clockReadingOf({
        sentAt: T,
        receivedAt: T + 5,
        dateHeader: `${httpDate(T)}${' '.repeat(80)}`,
      }),
    ).toBeNull();
    expect(clockReadingOf({ sentAt: T, receivedAt: T - 5, dateHeader: httpDate(T) })).toBeNull();
  });

  it('applies an offset only past 30 s, either way', () => {
    expect(effectiveSkewMs(null)).toBe(0);
    expect(effectiveSkewMs({ offsetMs: SKEW_THRESHOLD_MS })).toBe(0);
    expect(effectiveSkewMs({ offsetMs: -SKEW_THRESHOLD_MS })).toBe(0);
    expect(effectiveSkewMs({ offsetMs: 30_001 })).toBe(30_001);
    expect(effectiveSkewMs({ offsetMs: -300_000 })).toBe(-300_000);
  });

  it('says an offset in words', () => {
    expect(describeSkew(300_400)).toBe('5 min ahead');
    expect(describeSkew(-42_000)).toBe('42 s behind');
    expect(describeSkew(3_725_000)).toBe('1 h 2 min 5 s ahead');
  });

  it('moves a token’s exp onto our clock, and keeps the earlier of it and main’s expiry', () => {
    const expiresAt = T + 3_600_000; // from expires_in, already on our clock
    const exp = (T + 300_000 + 3_600_000) / 1000; // the server runs 5 min ahead
    expect(localExpiry(expiresAt, exp, 0)).toBe(expiresAt);
    expect(localExpiry(expiresAt, exp, 300_000)).toBe(expiresAt);
    expect(localExpiry(expiresAt, (T + 1_800_000) / 1000, 0)).toBe(T + 1_800_000);
    expect(localExpiry(expiresAt, undefined, 300_000)).toBe(expiresAt);
  });
});
