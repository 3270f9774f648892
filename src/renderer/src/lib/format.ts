/** Formatting of dates, durations and identifiers for display; pure functions, no React. */

const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(list: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return list.find((entry) => entry.type === type)?.value ?? '';
}

/** "22 Nov 2026" and "17:59" in local time: dense, unambiguous, the same width on every row. */
function pieces(ms: number): { date: string; time: string } {
  const list = parts.formatToParts(ms);
  return {
    date: `${part(list, 'day')} ${part(list, 'month')} ${part(list, 'year')}`,
    time: `${part(list, 'hour')}:${part(list, 'minute')}`,
  };
}

const timeOnly = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function toMs(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/** A local date and time such as "04 Mar 2027 14:05", or "—" for null or garbage. */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const ms = toMs(value);
  if (!Number.isFinite(ms)) return '—';
  const { date, time } = pieces(ms);
  return `${date} ${time}`;
}

/** A local date such as "04 Mar 2027", or "—" for null or garbage. */
export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const ms = toMs(value);
  return Number.isFinite(ms) ? pieces(ms).date : '—';
}

/** A 24-hour local clock time "HH:MM:SS". */
export function formatClock(value: number): string {
  return timeOnly.format(value);
}

/** The exact instant in ISO 8601 UTC, for tooltips and support text. */
export function formatIso(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const ms = toMs(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** A countdown such as "59:04", "1:02:03" or "0:00" once passed. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.floor(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A coarse relative time: "just now", "5 min ago", "in 3 h", "2 days ago". */
export function formatRelative(value: string | number | null | undefined, now: number): string {
  if (value === null || value === undefined) return 'never';
  const ms = toMs(value);
  if (!Number.isFinite(ms)) return '—';
  const delta = ms - now;
  const abs = Math.abs(delta);
  let text: string;
  if (abs < 45_000) return 'just now';
  if (abs < 3_600_000) text = `${Math.round(abs / 60_000)} min`;
  else if (abs < DAY_MS) text = `${Math.round(abs / 3_600_000)} h`;
  else {
    const days = Math.round(abs / DAY_MS);
    text = `${days} day${days === 1 ? '' : 's'}`;
  }
  return delta < 0 ? `${text} ago` : `in ${text}`;
}

/** How an expiry date stands: none, expired, or the whole days left (rounded up). */
export type ExpiryState =
  | { readonly kind: 'never' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'expires'; readonly days: number };

/** Classifies an expiry date relative to now. */
export function expiryState(expiresAt: string | null, now: number): ExpiryState {
  if (expiresAt === null) return { kind: 'never' };
  const ms = Date.parse(expiresAt);
  if (!Number.isFinite(ms)) return { kind: 'never' };
  if (ms <= now) return { kind: 'expired' };
  return { kind: 'expires', days: Math.ceil((ms - now) / DAY_MS) };
}

/** "expires in 3 days", "expires today"-style label for an expiry that is still ahead. */
export function formatExpiresIn(days: number): string {
  if (days <= 1) return 'expires in < 1 day';
  return `expires in ${days} days`;
}

/** Masks a secret for display, keeping nothing of it. */
export function maskSecret(secret: string): string {
  return '•'.repeat(Math.min(48, Math.max(12, secret.length)));
}

/** A long identifier shortened in the middle ("dinie_ci_550e…55440000"): the distinguishing tail stays visible. */
export function shortId(value: string, head = 13, tail = 8): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}
