import type { JsonObject, JsonValue, Lifetime, TimeInfo, TimeStatus } from '../types';

/** Clock tolerance applied when the caller does not choose one, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 60;

/** NumericDate values above this are almost certainly milliseconds (1e11 s is the year 5138). */
export const MILLISECONDS_THRESHOLD = 1e11;

/** The claims that hold NumericDate values (RFC 7519 §2) and are shown as times. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set([
  'exp',
  'nbf',
  'iat',
  'auth_time',
  'updated_at',
  'rat',
]);

const pad = (n: number, width = 2): string => String(Math.trunc(Math.abs(n))).padStart(width, '0');
/** '00' … '99': every two-digit field of a date, written once. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) =>
  String(n).padStart(2, '0'),
);
/** A whole number 0–99 as two digits (anything else as pad() writes it). */
const two = (n: number): string => TWO_DIGITS[n] ?? pad(n);

/** The largest distance from the epoch a Date can hold, in milliseconds (ECMA-262 TimeClip). */
const MAX_DATE_MS = 8.64e15;
const DAY_MS = 86_400_000;

function validDate(epochSeconds: number): Date | null {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function year(y: number): string {
  if (y >= 1000 && y <= 9999) return `${y}`;
  return y < 0 ? `-${pad(y, 6)}` : y > 9999 ? `+${pad(y, 6)}` : pad(y, 4);
}

/**
 * The date `YYYY-MM-DD` (as Date's ISO form writes it) of a day number (days since 1970-01-01,
 * inside the Date range), by arithmetic: Howard Hinnant's days-to-civil, the proleptic Gregorian
 * calendar that Date's getUTC* getters use.
 */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  return `${year(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))}-${two(month)}-${two(day)}`;
}

// The last two dates written, by day number: a token's times (iat, nbf, exp) and their local and
// UTC forms mostly fall on one or two days, so most of them skip the calendar arithmetic.
const recentDays: number[] = [Number.NaN, Number.NaN];
const recentDates: string[] = ['', ''];

function dateOfDay(days: number): string {
  for (let i = 0; i < recentDays.length; i++) if (recentDays[i] === days) return recentDates[i]!;
  const text = civilDate(days);
  recentDays.unshift(days);
  recentDates.unshift(text);
  recentDays.pop();
  recentDates.pop();
  return text;
}

/**
 * Whole epoch milliseconds inside the Date range as `YYYY-MM-DD`, separator, `hh:mm:ss` and an
 * optional `.sss`: what Date's UTC getters would say.
 */
function dateAndClock(epochMs: number, separator: string): string {
  const days = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  return `${dateOfDay(days)}${separator}${two(hours)}:${two(minutes)}:${two(seconds)}${ms === 0 ? '' : `.${pad(ms, 3)}`}`;
}

/** Local wall-clock time with its UTC offset, e.g. `2011-03-22 19:43:00 UTC+01:00`. */
export function formatLocal(epochSeconds: number): string | null {
  const d = validDate(epochSeconds);
  if (d === null) return null;
  // One time-zone lookup, then the UTC fields of the shifted instant.
  const offset = -d.getTimezoneOffset();
  const shifted = d.getTime() + offset * 60_000;
  if (!(Math.abs(shifted) <= MAX_DATE_MS)) return null;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  // Whole milliseconds, as a Date would keep them (an offset of old local mean time has seconds).
  return `${dateAndClock(Math.trunc(shifted) + 0, ' ')} UTC${sign}${two(Math.floor(abs / 60))}:${two(Math.trunc(abs % 60))}`;
}

/** UTC in ISO 8601 without needless milliseconds, e.g. `2011-03-22T18:43:00Z`. */
export function formatUtc(epochSeconds: number): string | null {
  // What `new Date(epochSeconds * 1000).toISOString()` says, less `.000`, without the Date.
  const ms = epochSeconds * 1000;
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return null;
  return `${dateAndClock(Math.trunc(ms) + 0, 'T')}Z`;
}

function unit(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A duration in words at a useful precision: `42 s`, `42 min`, `3 h 5 min`, `3 days`, `2 years`. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (!Number.isFinite(s)) return 'forever';
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  if (s < 60 * 86_400) return unit(Math.floor(s / 86_400), 'day');
  if (s < 730 * 86_400) return unit(Math.floor(s / (30.44 * 86_400)), 'month');
  return unit(Math.floor(s / (365.25 * 86_400)), 'year');
}

/** A moment relative to now: `in 42 min`, `3 days ago`, or `now` within a second. */
export function formatRelative(secondsFromNow: number): string {
  if (Math.abs(secondsFromNow) < 1) return 'now';
  const text = formatDuration(secondsFromNow);
  return secondsFromNow > 0 ? `in ${text}` : `${text} ago`;
}

/** A countdown to the second: `00:41:59`, or `2 d 03:04:05` beyond a day; `00:00:00` once past. */
export function formatCountdown(seconds: number): string {
  if (!Number.isFinite(seconds)) return '∞';
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/** One NumericDate shown local, UTC and relative to `now` (epoch ms). */
export function timeInfo(epochSeconds: number, now: number): TimeInfo {
  const secondsFromNow = epochSeconds - now / 1000;
  return {
    epochSeconds,
    local: formatLocal(epochSeconds),
    utc: formatUtc(epochSeconds),
    relative: formatRelative(secondsFromNow),
    secondsFromNow,
    looksLikeMilliseconds: Math.abs(epochSeconds) > MILLISECONDS_THRESHOLD,
  };
}

function numeric(value: JsonValue | undefined): number | null | 'malformed' {
  if (value === undefined) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : 'malformed';
}

/**
 * Where a claims set stands in time at `now` (epoch ms), with the tolerance applied the way
 * verifiers apply it: expired once `exp <= now - tolerance`, not yet valid while `nbf > now + tolerance`.
 */
export function computeTimeStatus(
  claims: JsonObject,
  now: number,
  clockToleranceSec: number = DEFAULT_CLOCK_TOLERANCE_SEC,
): TimeStatus {
  const nowSec = now / 1000;
  const exp = numeric(claims['exp']);
  const nbf = numeric(claims['nbf']);
  const iat = numeric(claims['iat']);
  if (exp === 'malformed' || nbf === 'malformed') {
    const claim = exp === 'malformed' ? 'exp' : 'nbf';
    return {
      now,
      clockToleranceSec,
      state: 'malformed',
      secondsLeft: null,
      secondsUntilValid: null,
      lifetime: null,
      problem: `${claim} is not a number of seconds, so the validity window cannot be evaluated.`,
    };
  }
  const secondsLeft = exp === null ? null : exp - nowSec;
  const notYet = nbf !== null && nbf > nowSec + clockToleranceSec;
  const state = notYet
    ? 'not-yet-valid'
    : exp === null
      ? 'no-expiry'
      : exp <= nowSec - clockToleranceSec
        ? 'expired'
        : 'valid';
  return {
    now,
    clockToleranceSec,
    state,
    secondsLeft,
    secondsUntilValid: nbf !== null && nbf > nowSec ? nbf - nowSec : null,
    lifetime: lifetimeOf(iat === 'malformed' ? null : iat, nbf, exp, nowSec),
    problem: null,
  };
}

function lifetimeOf(
  iat: number | null,
  nbf: number | null,
  exp: number | null,
  nowSec: number,
): Lifetime | null {
  const startClaim = iat !== null ? 'iat' : nbf !== null ? 'nbf' : null;
  const start = iat ?? nbf;
  if (exp === null || start === null || startClaim === null) return null;
  const totalSec = exp - start;
  const elapsedSec = nowSec - start;
  const fraction = totalSec <= 0 ? 1 : Math.min(1, Math.max(0, elapsedSec / totalSec));
  return { startClaim, start, end: exp, totalSec, elapsedSec, fraction };
}
