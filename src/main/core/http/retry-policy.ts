/** How many times a request is tried in all and how long to wait between tries. */
export interface RetrySettings {
  /** Total tries, the first included (4 = one try and up to three retries). */
  readonly attempts: number;
  /** The first backoff step; each further retry doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait: a server that asks for more (Retry-After) is not retried, its error is shown. */
  readonly maxDelayMs: number;
}

/** The retry settings the API client uses unless told otherwise. */
export const DEFAULT_RETRY: RetrySettings = { attempts: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`,
);
/** Obsolete RFC 850 date: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850_DATE = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
);
/** Obsolete asctime date: `Sun Nov  6 08:49:37 1994` (always UTC). */
const ASCTIME_DATE = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`,
);

function utc(
  year: number,
  month: string,
  day: number,
  hh: string,
  mm: string,
  ss: string,
): number | null {
  const monthIndex = MONTHS.indexOf(month);
  const [h, m, s] = [Number(hh), Number(mm), Number(ss)];
  if (monthIndex < 0 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return null;
  const ms = Date.UTC(year, monthIndex, day, h, m, Math.min(s, 59));
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** An HTTP-date (RFC 9110 §5.6.7, all three formats) as epoch ms; null when it is not one. */
export function parseHttpDate(value: string, now: number): number | null {
  const imf = IMF_FIXDATE.exec(value);
  if (imf) return utc(Number(imf[3]), imf[2]!, Number(imf[1]), imf[4]!, imf[5]!, imf[6]!);
  const rfc850 = RFC850_DATE.exec(value);
  if (rfc850) {
    // A two-digit year more than 50 years in the future is in the past century (§5.6.7).
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(rfc850[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, rfc850[2]!, Number(rfc850[1]), rfc850[4]!, rfc850[5]!, rfc850[6]!);
  }
  const asctime = ASCTIME_DATE.exec(value);
  if (asctime) {
    const day = Number(asctime[2]!.trim());
    return utc(Number(asctime[6]), asctime[1]!, day, asctime[3]!, asctime[4]!, asctime[5]!);
  }
  return null;
}

/**
 * When a `Retry-After` header (RFC 9110 §10.2.3) allows the next try, as epoch ms:
 * delay-seconds or an HTTP-date; a date in the past means now; null when absent or invalid.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds) ? now + seconds * 1000 : null;
  }
  const date = parseHttpDate(trimmed, now);
  return date === null ? null : Math.max(date, now);
}

/** The exponential backoff before retry number `retry` (1-based), with equal jitter, capped. */
export function backoffDelay(retry: number, settings: RetrySettings, random: () => number): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The wait a server asked for with Retry-After, plus a little jitter so that many clients do not
 * come back at once; null when it asked for longer than `maxDelayMs` (give up and show it).
 */
export function retryAfterDelay(
  retryAt: number,
  now: number,
  settings: RetrySettings,
  random: () => number,
): number | null {
  const wait = Math.max(0, retryAt - now);
  if (wait > settings.maxDelayMs) return null;
  return Math.round(wait + random() * Math.min(settings.baseDelayMs, settings.maxDelayMs - wait));
}
