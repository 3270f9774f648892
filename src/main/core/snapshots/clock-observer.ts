import { clockReadingOf } from '../../../shared/fleet/clock-skew';
import type { ClockReading } from '../../../shared/fleet/snapshot-types';

/** Receives a clock reading of the server at `origin` (`https://host:port`). */
export type ClockListener = (origin: string, reading: ClockReading) => void;

function urlOf(input: Parameters<typeof fetch>[0]): string | null {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return typeof input?.url === 'string' ? input.url : null;
}

function originOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A fetch that reads the `Date` header of every response main receives (token exchanges,
 * credentials calls, key downloads: every service is given this one fetch) and reports how far
 * that server's clock is from ours, timed around the request on `now`. It reads headers only:
 * the request and the body pass through untouched, and a failed request reports nothing.
 */
export function observeClock(
  base: typeof fetch | undefined,
  now: () => number,
  listener: ClockListener,
): typeof fetch {
  const send: typeof fetch = base ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const sentAt = now();
    const response = await send(input, init);
    const origin = originOf(urlOf(input));
    const reading = clockReadingOf({
      sentAt,
      receivedAt: now(),
      dateHeader: response.headers.get('date'),
    });
    if (origin !== null && reading !== null) {
      try {
        listener(origin, reading);
      } catch {
        // A listener's failure must never fail the request it observed.
      }
    }
    return response;
  };
}
