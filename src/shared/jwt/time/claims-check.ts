import type { Clock } from './clock';
import { formatDuration, formatUtc, computeTimeStatus } from './times';
import type { JsonObject, TimeStatus } from '../types';

/** The outcome of checking one claim: it holds, it does not, it is absent, unreadable, or was not asked for. */
export type ClaimCheckState = 'ok' | 'failed' | 'absent' | 'malformed' | 'not-checked';

/** What verification checked besides the signature, evaluated at one instant. */
export interface ClaimsCheck {
  /** False when the payload is not a claims set (nothing to check). */
  readonly applicable: boolean;
  /** Epoch milliseconds. */
  readonly now: number;
  readonly clockToleranceSec: number;
  readonly exp: ClaimCheckState;
  readonly nbf: ClaimCheckState;
  readonly iat: ClaimCheckState;
  /** `not-checked` unless an expected issuer / audience was given. */
  readonly iss: ClaimCheckState;
  readonly aud: ClaimCheckState;
  readonly time: TimeStatus | null;
}

/** One claim that does not hold, in words. */
export interface ClaimIssue {
  readonly claim: string;
  readonly message: string;
}

/** A NumericDate for a message: in UTC, or as given when out of the date range. */
function utcOrRaw(value: number): string {
  return formatUtc(value) ?? String(value);
}

function timeCheck(value: unknown): ClaimCheckState | number {
  if (value === undefined) return 'absent';
  return typeof value === 'number' && Number.isFinite(value) ? value : 'malformed';
}

/** Checks exp, nbf, iat (and iss/aud when expected values are given) against the clock. */
export function checkClaims(
  claims: JsonObject | null,
  clock: Clock,
  expected: { readonly issuer?: string; readonly audience?: string } = {},
): { readonly check: ClaimsCheck; readonly issues: readonly ClaimIssue[] } {
  const { now, clockToleranceSec } = clock;
  if (claims === null) {
    const no = 'not-checked' as const;
    return {
      check: {
        now,
        clockToleranceSec,
        applicable: false,
        exp: no,
        nbf: no,
        iat: no,
        iss: no,
        aud: no,
        time: null,
      },
      issues: [],
    };
  }
  const issues: ClaimIssue[] = [];
  const nowSec = clock.now / 1000;
  const tol = clock.clockToleranceSec;
  const states: Record<'exp' | 'nbf' | 'iat', ClaimCheckState> = {
    exp: 'absent',
    nbf: 'absent',
    iat: 'absent',
  };
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const v = timeCheck(claims[name]);
    if (typeof v !== 'number') {
      states[name] = v;
      if (v === 'malformed')
        issues.push({
          claim: name,
          message: `${name} is not a number, so the token cannot be accepted.`,
        });
      continue;
    }
    if (name === 'exp' && v <= nowSec - tol) {
      states.exp = 'failed';
      issues.push({
        claim: 'exp',
        message: `Expired ${formatDuration(nowSec - v)} ago (exp ${utcOrRaw(v)}).`,
      });
    } else if (name === 'nbf' && v > nowSec + tol) {
      states.nbf = 'failed';
      issues.push({
        claim: 'nbf',
        message: `Not valid for another ${formatDuration(v - nowSec)} (nbf ${utcOrRaw(v)}).`,
      });
    } else if (name === 'iat' && v > nowSec + tol) {
      states.iat = 'failed';
      issues.push({
        claim: 'iat',
        message: `Issued ${formatDuration(v - nowSec)} in the future (iat ${utcOrRaw(v)}): a clock is off.`,
      });
    } else {
      states[name] = 'ok';
    }
  }
  let iss: ClaimCheckState = 'not-checked';
  if (expected.issuer !== undefined) {
    iss =
      claims['iss'] === undefined ? 'absent' : claims['iss'] === expected.issuer ? 'ok' : 'failed';
    if (iss !== 'ok')
      issues.push({
        claim: 'iss',
        message: `Expected issuer "${expected.issuer}", found ${JSON.stringify(claims['iss'] ?? null)}.`,
      });
  }
  let aud: ClaimCheckState = 'not-checked';
  if (expected.audience !== undefined) {
    const value = claims['aud'];
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
    aud =
      value === undefined
        ? 'absent'
        : list === null
          ? 'malformed'
          : list.includes(expected.audience)
            ? 'ok'
            : 'failed';
    if (aud !== 'ok')
      issues.push({
        claim: 'aud',
        message: `Expected audience "${expected.audience}", found ${JSON.stringify(value ?? null)}.`,
      });
  }
  // One literal, members in the documented order (spreads here cost more than the checks).
  return {
    check: {
      now,
      clockToleranceSec,
      applicable: true,
      exp: states.exp,
      nbf: states.nbf,
      iat: states.iat,
      iss,
      aud,
      time: computeTimeStatus(claims, now, tol),
    },
    issues,
  };
}
