import type { LintFinding, SegmentName, Severity } from '../types';

/** A rule the linter knows: its fixed severity, title and the specification behind it. */
export interface LintRule {
  readonly severity: Severity;
  readonly title: string;
  readonly reference: string;
  /** Token rules run on every inspection; key rules only when verifying or decrypting with a key. */
  readonly when: 'token' | 'key';
}

/** Every finding the linter can produce, by stable id. */
export const LINT_RULES = {
  'alg-none': {
    severity: 'error',
    title: 'Unsecured token (alg: none)',
    reference: 'RFC 8725 §3.1, RFC 7518 §3.6',
    when: 'token',
  },
  'alg-none-variant': {
    severity: 'error',
    title: 'alg is a spelling variant of "none"',
    reference: 'RFC 7515 §4.1.1, RFC 8725 §2.1',
    when: 'token',
  },
  'alg-missing': {
    severity: 'error',
    title: 'No alg header parameter',
    reference: 'RFC 7515 §4.1.1, RFC 7516 §4.1.1',
    when: 'token',
  },
  'alg-unknown': {
    severity: 'error',
    title: 'Unknown or unsupported algorithm',
    reference: 'RFC 7518 §3.1 / §4.1, IANA JOSE Algorithms registry',
    when: 'token',
  },
  'alg-weak': {
    severity: 'warning',
    title: 'Weak algorithm',
    reference: 'RFC 8725 §3.2, RFC 8812 §2',
    when: 'token',
  },
  'alg-deprecated': {
    severity: 'info',
    title: 'Polymorphic algorithm identifier',
    reference: 'RFC 9864 (fully-specified algorithms)',
    when: 'token',
  },
  'signature-missing': {
    severity: 'error',
    title: 'The signature segment is empty',
    reference: 'RFC 7515 §5.2',
    when: 'token',
  },
  'unsecured-with-signature': {
    severity: 'error',
    title: 'alg is none but a signature is present',
    reference: 'RFC 7518 §3.6',
    when: 'token',
  },
  'signature-length': {
    severity: 'warning',
    title: 'Signature has the wrong length for its algorithm',
    reference: 'RFC 7518 §3.2 / §3.4, RFC 8037 §3.1',
    when: 'token',
  },
  'exp-missing': {
    severity: 'warning',
    title: 'No expiry (exp)',
    reference: 'RFC 7519 §4.1.4, RFC 9068 §2.2',
    when: 'token',
  },
  'lifetime-over-24h': {
    severity: 'warning',
    title: 'Lifetime longer than 24 hours',
    reference: 'RFC 6819 §5.1.5.3',
    when: 'token',
  },
  'exp-before-start': {
    severity: 'error',
    title: 'Expires before it becomes valid',
    reference: 'RFC 7519 §4.1.4, §4.1.5',
    when: 'token',
  },
  'nbf-in-future': {
    severity: 'warning',
    title: 'Not valid yet (nbf in the future)',
    reference: 'RFC 7519 §4.1.5',
    when: 'token',
  },
  'iat-in-future': {
    severity: 'warning',
    title: 'Issued in the future (iat)',
    reference: 'RFC 7519 §4.1.6',
    when: 'token',
  },
  'time-in-milliseconds': {
    severity: 'warning',
    title: 'Time claim looks like milliseconds',
    reference: 'RFC 7519 §2 (NumericDate)',
    when: 'token',
  },
  'time-not-numeric': {
    severity: 'error',
    title: 'Time claim is not a number',
    reference: 'RFC 7519 §2 (NumericDate), §4.1.4',
    when: 'token',
  },
  'header-kid': {
    severity: 'info',
    title: 'kid header present',
    reference: 'RFC 7515 §4.1.4, RFC 8725 §3.10',
    when: 'token',
  },
  'kid-suspicious': {
    severity: 'warning',
    title: 'kid looks like an injection attempt',
    reference: 'RFC 8725 §3.10',
    when: 'token',
  },
  'header-jku': {
    severity: 'warning',
    title: 'jku header: the token names its own key URL',
    reference: 'RFC 7515 §4.1.2, RFC 8725 §3.10',
    when: 'token',
  },
  'header-x5u': {
    severity: 'warning',
    title: 'x5u header: the token names its own certificate URL',
    reference: 'RFC 7515 §4.1.5, RFC 8725 §3.10',
    when: 'token',
  },
  'header-jwk': {
    severity: 'warning',
    title: 'jwk header: the token carries its own key',
    reference: 'RFC 7515 §4.1.3, CVE-2018-0114',
    when: 'token',
  },
  'header-x5c': {
    severity: 'warning',
    title: 'x5c header: the token carries its own certificate chain',
    reference: 'RFC 7515 §4.1.6, RFC 8725 §3.10',
    when: 'token',
  },
  'header-crit': {
    severity: 'warning',
    title: 'Critical extensions (crit)',
    reference: 'RFC 7515 §4.1.11',
    when: 'token',
  },
  'crit-invalid': {
    severity: 'error',
    title: 'Malformed crit header parameter',
    reference: 'RFC 7515 §4.1.11',
    when: 'token',
  },
  'b64-unencoded': {
    severity: 'info',
    title: 'Unencoded payload (b64: false)',
    reference: 'RFC 7797 §3, §6',
    when: 'token',
  },
  'typ-missing': {
    severity: 'info',
    title: 'No typ header (no explicit typing)',
    reference: 'RFC 8725 §3.11',
    when: 'token',
  },
  'typ-unusual': {
    severity: 'warning',
    title: 'Unexpected typ',
    reference: 'RFC 8725 §3.11, RFC 7519 §5.1, RFC 9068 §2.1',
    when: 'token',
  },
  'typ-application-prefix': {
    severity: 'info',
    title: 'typ uses the long application/ form',
    reference: 'RFC 7515 §4.1.9',
    when: 'token',
  },
  'at-jwt-missing-claims': {
    severity: 'warning',
    title: 'Access token (at+jwt) without required claims',
    reference: 'RFC 9068 §2.2',
    when: 'token',
  },
  'payload-not-claims': {
    severity: 'warning',
    title: 'The payload is not a JWT claims set',
    reference: 'RFC 7519 §7.2',
    when: 'token',
  },
  'duplicate-member': {
    severity: 'warning',
    title: 'Duplicate member name',
    reference: 'RFC 7519 §4, RFC 7515 §5.2',
    when: 'token',
  },
  'nested-token': {
    severity: 'info',
    title: 'Nested JWT',
    reference: 'RFC 7519 §5.2, §7.1',
    when: 'token',
  },
  'nested-without-cty': {
    severity: 'warning',
    title: 'Nested JWT without cty: JWT',
    reference: 'RFC 7519 §5.2',
    when: 'token',
  },
  'cty-mismatch': {
    severity: 'warning',
    title: 'cty says JWT but the payload is not one',
    reference: 'RFC 7519 §5.2',
    when: 'token',
  },
  'nesting-too-deep': {
    severity: 'warning',
    title: 'Nested too deeply to unwrap',
    reference: 'RFC 7519 §7.2',
    when: 'token',
  },
  'jwe-enc-missing': {
    severity: 'error',
    title: 'JWE without enc',
    reference: 'RFC 7516 §4.1.2',
    when: 'token',
  },
  'jwe-zip': {
    severity: 'warning',
    title: 'Compressed before encryption (zip)',
    reference: 'RFC 8725 §3.6',
    when: 'token',
  },
  'pbes2-count': {
    severity: 'warning',
    title: 'PBES2 iteration count out of range',
    reference: 'RFC 7518 §4.8.1.2, RFC 8725 §3.5',
    when: 'token',
  },
  'hmac-key-too-short': {
    severity: 'error',
    title: 'HMAC secret shorter than the hash output',
    reference: 'RFC 7518 §3.2, RFC 8725 §3.5',
    when: 'key',
  },
  'alg-key-mismatch': {
    severity: 'error',
    title: 'The algorithm does not fit the key',
    reference: 'RFC 8725 §3.1, §2.1',
    when: 'key',
  },
  'secret-is-public-key': {
    severity: 'error',
    title: 'The HMAC secret is a public key',
    reference: 'RFC 8725 §2.1, §3.1',
    when: 'key',
  },
  'kid-not-in-key-set': {
    severity: 'warning',
    title: 'The token’s kid is not in the key set',
    reference: 'RFC 7515 §4.1.4, RFC 7517 §4.5',
    when: 'key',
  },
  'key-use-mismatch': {
    severity: 'warning',
    title: 'Key marked for another use',
    reference: 'RFC 7517 §4.2, §4.3',
    when: 'key',
  },
  'private-key-supplied': {
    severity: 'info',
    title: 'A private key was supplied for verification',
    reference: 'RFC 7517 §9.2',
    when: 'key',
  },
} as const satisfies Readonly<Record<string, LintRule>>;

/** The id of a rule the linter knows. */
export type LintId = keyof typeof LINT_RULES;

/** Builds a finding of a known rule with the detail that applies to this token. */
export function finding(
  id: LintId,
  detail: string,
  where: { readonly segment?: SegmentName; readonly claim?: string } = {},
): LintFinding {
  const rule: LintRule = LINT_RULES[id];
  return {
    id,
    severity: rule.severity,
    title: rule.title,
    detail,
    reference: rule.reference,
    ...where,
  };
}

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Sorts findings most severe first, keeping the order of equals. */
export function sortFindings(findings: readonly LintFinding[]): readonly LintFinding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
