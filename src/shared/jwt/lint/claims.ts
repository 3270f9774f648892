import { finding } from './rules';
import { jsonTypeName, preview } from '../encoding/json';
import { formatDuration, formatUtc, MILLISECONDS_THRESHOLD } from '../time/times';
import type { JsonObject, JsonValue, LintFinding } from '../types';

const CHECKED_TIMES = ['exp', 'nbf', 'iat', 'auth_time'] as const;
const DAY = 86_400;
const AT_JWT_REQUIRED = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'] as const;

function num(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function lintTimeTypes(claims: JsonObject): readonly LintFinding[] {
  const out: LintFinding[] = [];
  for (const name of CHECKED_TIMES) {
    const value = claims[name];
    if (value === undefined) continue;
    const at = { segment: 'payload', claim: name } as const;
    if (num(value) === null) {
      const numericString = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value);
      out.push(
        finding(
          'time-not-numeric',
          numericString
            ? `${name} is the string "${value}"; a NumericDate must be a JSON number, and most verifiers reject a string.`
            : `${name} must be a number of seconds since 1970, but is ${jsonTypeName(value)} (${preview(value, 40)}).`,
          at,
        ),
      );
    } else if (Math.abs(value as number) > MILLISECONDS_THRESHOLD) {
      const asMs = formatUtc((value as number) / 1000);
      out.push(
        finding(
          'time-in-milliseconds',
          `${name} is ${value}: read as seconds (as RFC 7519 requires) that is thousands of years away. It looks like milliseconds${asMs === null ? '' : ` (${asMs})`}; the issuer probably used Date.now() instead of seconds.`,
          at,
        ),
      );
    }
  }
  return out;
}

function lintWindow(claims: JsonObject, now: number, toleranceSec: number): readonly LintFinding[] {
  const out: LintFinding[] = [];
  const nowSec = now / 1000;
  const exp = num(claims['exp']);
  const nbf = num(claims['nbf']);
  const iat = num(claims['iat']);
  if (claims['exp'] === undefined)
    out.push(
      finding(
        'exp-missing',
        'Without exp the token never expires: if it leaks, it works until the issuer rotates its key. Access tokens (RFC 9068) must carry exp.',
        { segment: 'payload', claim: 'exp' },
      ),
    );
  if (exp !== null && nbf !== null && exp <= nbf) {
    out.push(
      finding(
        'exp-before-start',
        `exp (${exp}) is not after nbf (${nbf}): there is no moment at which this token is valid.`,
        {
          segment: 'payload',
          claim: 'exp',
        },
      ),
    );
  } else if (exp !== null && iat !== null && exp <= iat) {
    out.push(
      finding(
        'exp-before-start',
        `exp (${exp}) is not after iat (${iat}): the token was expired when it was issued.`,
        {
          segment: 'payload',
          claim: 'exp',
        },
      ),
    );
  }
  const start = iat ?? nbf;
  if (exp !== null && start !== null && exp - start > DAY) {
    out.push(
      finding(
        'lifetime-over-24h',
        `The token lives ${formatDuration(exp - start)} (${iat !== null ? 'iat' : 'nbf'} → exp). A leaked token stays usable that long; access tokens usually live minutes to an hour.`,
        { segment: 'payload', claim: 'exp' },
      ),
    );
  } else if (exp !== null && start === null && exp - nowSec > DAY) {
    out.push(
      finding(
        'lifetime-over-24h',
        `The token is valid for another ${formatDuration(exp - nowSec)} (no iat or nbf tells when it started). A leaked token stays usable that long.`,
        { segment: 'payload', claim: 'exp' },
      ),
    );
  }
  if (nbf !== null && nbf > nowSec + toleranceSec)
    out.push(
      finding(
        'nbf-in-future',
        `nbf lies ${formatDuration(nbf - nowSec)} ahead, beyond the ${toleranceSec} s tolerance: verifiers reject the token until then. If it was just issued, the issuer's clock is ahead.`,
        { segment: 'payload', claim: 'nbf' },
      ),
    );
  if (iat !== null && iat > nowSec + toleranceSec)
    out.push(
      finding(
        'iat-in-future',
        `iat says the token was issued ${formatDuration(iat - nowSec)} from now, beyond the ${toleranceSec} s tolerance: the issuer's clock (or this machine's) is off, or the value was forged.`,
        { segment: 'payload', claim: 'iat' },
      ),
    );
  return out;
}

function lintProfile(header: JsonObject, claims: JsonObject): readonly LintFinding[] {
  const typ = header['typ'];
  if (typeof typ !== 'string' || typ.toLowerCase().replace(/^application\//, '') !== 'at+jwt')
    return [];
  const missing = AT_JWT_REQUIRED.filter((name) => claims[name] === undefined);
  return missing.length === 0
    ? []
    : [
        finding(
          'at-jwt-missing-claims',
          `typ is at+jwt (an RFC 9068 access token), which requires ${AT_JWT_REQUIRED.join(', ')}; missing: ${missing.join(', ')}.`,
          { segment: 'payload' },
        ),
      ];
}

/** Findings about a claims set: time claims, the validity window, and the access-token profile. */
export function lintClaims(
  header: JsonObject,
  claims: JsonObject,
  now: number,
  clockToleranceSec: number,
): readonly LintFinding[] {
  return [
    ...lintTimeTypes(claims),
    ...lintWindow(claims, now, clockToleranceSec),
    ...lintProfile(header, claims),
  ];
}
