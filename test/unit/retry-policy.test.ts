import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  retryAfterDelay,
} from '../../src/main/core/http/retry-policy';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it.each([
    ['delay-seconds', '120', NOW + 120_000],
    ['zero seconds', '0', NOW],
    ['IMF-fixdate', 'Sun, 01 Mar 2026 12:00:07 GMT', NOW + 7000],
    ['obsolete RFC 850 date', 'Sunday, 01-Mar-26 12:00:30 GMT', NOW + 30_000],
    ['obsolete asctime date (UTC)', 'Sun Mar  1 12:01:00 2026', NOW + 60_000],
    ['a date in the past (means now)', 'Wed, 21 Oct 2015 07:28:00 GMT', NOW],
    ['surrounding spaces', '  5 ', NOW + 5000],
  ])('reads %s', (_what, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    '',
    'soon',
    '-5',
    '1.5',
    '5s',
    'Sun, 31 Feb 2026 12:00:00 GMT',
    'Sun, 01 Mar 2026 12:00:07',
  ])('ignores the invalid value %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });

  it('is null when the header is absent', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('retry waits', () => {
  it('back off exponentially with jitter, capped', () => {
    const settings = { ...DEFAULT_RETRY, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, settings, () => 0))).toEqual([
      125, 250, 500, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, settings, () => 1))).toEqual([
      250, 500, 1000, 1000, 1000,
    ]);
  });

  it('honour a Retry-After within the cap and refuse a longer one', () => {
    expect(retryAfterDelay(NOW + 7000, NOW, DEFAULT_RETRY, () => 0)).toBe(7000);
    expect(retryAfterDelay(NOW + 7000, NOW, DEFAULT_RETRY, () => 1)).toBe(7250);
    expect(retryAfterDelay(NOW + 60_000, NOW, DEFAULT_RETRY, () => 0)).toBeNull();
  });
});
