import { compactVerify } from 'jose';
import { readToken } from './inspect';
import { jwsAlgorithm } from './keys/algorithms';
import { confusionReason, describeKeyText } from './keys/confusion';
import { describeKey } from './keys/describe';
import type { KeyText } from './keys/key-text';
import { keysAtOnce, loadKeys } from './keys/load';
import type { LoadedKey } from './keys/loaded-key';
import { secretBytes, verificationKey } from './keys/material';
import { allowlist, keyFindings, mismatchReason, selectCandidates } from './keys/select';
import type { KeyAttempt, KeyDescription, KeyInput, SkippedKey } from './keys/types';
import { finding } from './lint/rules';
import { checkClaims, type ClaimIssue, type ClaimsCheck } from './time/claims-check';
import { resolveClock } from './time/clock';
import type { LintFinding, TimeOptions } from './types';

/** Options of verifyJwt: the clock, an optional narrower algorithm list, expected iss/aud. */
export interface VerifyOptions extends TimeOptions {
  /** Narrows the key-derived allowlist further; it can never widen it. */
  readonly algorithms?: readonly string[];
  /** When given, `iss` must equal it. */
  readonly issuer?: string;
  /** When given, `aud` must be or contain it. */
  readonly audience?: string;
}

/** Stable codes for why a signature did not verify. */
export type VerifyErrorCode =
  | 'malformed'
  | 'not-a-jws'
  | 'alg-none'
  | 'alg-missing'
  | 'alg-unsupported'
  | 'key-empty'
  | 'key-invalid'
  | 'key-unsupported'
  | 'alg-not-allowed-for-key'
  | 'no-matching-key'
  | 'signature-invalid'
  | 'crit-unsupported'
  | 'key-too-weak'
  | 'alg-confusion'
  | 'internal';

/**
 * The signature verified with the supplied key. `valid` answers only "did this key sign this
 * token?"; whether the claims hold right now is `claimsValid`, with the reasons in `claimIssues`
 * (an expired but correctly signed token is `valid: true, claimsValid: false`).
 */
export interface VerifySuccess {
  readonly valid: true;
  readonly signatureValid: true;
  readonly claimsValid: boolean;
  readonly algorithm: string;
  readonly key: KeyDescription;
  readonly claimsChecked: ClaimsCheck;
  readonly claimIssues: readonly ClaimIssue[];
  /** Key-dependent lint findings (HMAC secret length, kid mismatch, ...). */
  readonly findings: readonly LintFinding[];
  readonly tried: readonly KeyAttempt[];
  readonly skipped: readonly SkippedKey[];
}

/** The signature did not verify (or could not be checked), with a stable code and a reason in words. */
export interface VerifyFailure {
  readonly valid: false;
  readonly signatureValid: false;
  readonly code: VerifyErrorCode;
  readonly reason: string;
  /** The key that was tried, when exactly one was. */
  readonly key?: KeyDescription;
  readonly findings: readonly LintFinding[];
  readonly tried: readonly KeyAttempt[];
  readonly skipped: readonly SkippedKey[];
}

/** The outcome of verifyJwt. */
export type VerifyResult = VerifySuccess | VerifyFailure;

interface Failure {
  readonly code: VerifyErrorCode;
  readonly reason: string;
}

function fail(
  code: VerifyErrorCode,
  reason: string,
  extra: Partial<Pick<VerifyFailure, 'key' | 'findings' | 'tried' | 'skipped'>> = {},
): VerifyFailure {
  return {
    valid: false,
    signatureValid: false,
    code,
    reason,
    findings: [],
    tried: [],
    skipped: [],
    ...extra,
  };
}

function classify(error: unknown): Failure {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    return {
      code: 'signature-invalid',
      reason:
        'The signature does not match: the token was altered, or signed with a different key.',
    };
  if (code === 'ERR_JOSE_NOT_SUPPORTED' && /Extension Header Parameter/i.test(message))
    return {
      code: 'crit-unsupported',
      reason: `The token marks an extension as critical that Keysmith does not implement (${message}); RFC 7515 requires rejecting it.`,
    };
  if (/modulusLength/.test(message))
    return {
      code: 'key-too-weak',
      reason: 'The RSA key is shorter than 2048 bits; such keys are refused (RFC 7518 §3.3).',
    };
  if (code === 'ERR_JOSE_NOT_SUPPORTED') return { code: 'alg-unsupported', reason: message };
  if (code === 'ERR_JWS_INVALID') return { code: 'malformed', reason: message };
  return { code: 'key-invalid', reason: `The key cannot be used: ${message}` };
}

/**
 * An HMAC token checked with the text of a key as its secret: refused whatever the HMAC says,
 * with the reason in words. Whether the HMAC does match that text is worth saying (it is how a
 * forgery looks), so it is checked, but it never makes the result valid.
 */
async function confusion(
  token: string,
  alg: string,
  candidate: LoadedKey,
  keyText: KeyText,
  description: KeyDescription,
  findings: readonly LintFinding[],
  skipped: readonly SkippedKey[],
): Promise<VerifyFailure> {
  const macMatches = await compactVerify(token, secretBytes(candidate), { algorithms: [alg] }).then(
    () => true,
    () => false,
  );
  const what = await describeKeyText(keyText);
  return fail('alg-confusion', confusionReason(alg, keyText, what, macMatches), {
    key: description,
    findings,
    tried: [
      {
        key: description,
        outcome: macMatches
          ? 'the HMAC matches the key text: refused as algorithm confusion'
          : 'refused as algorithm confusion',
      },
    ],
    skipped,
  });
}

/** Verifies a compact JWS with a supplied key; never throws. See VerifyResult for what `valid` means. */
export function verifyJwt(
  input: string,
  key: KeyInput,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  // verifyUnsafe is async, so anything it throws arrives here as a rejection.
  return verifyUnsafe(input, key, options).catch((cause: unknown) =>
    fail(
      'internal',
      `Verification stopped unexpectedly: ${cause instanceof Error ? cause.message : String(cause)}`,
    ),
  );
}

async function verifyUnsafe(
  input: string,
  keyInput: KeyInput,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const clock = resolveClock(options);
  // Read as inspectJwt reads it (same errors), without its explanations and lint: the debugger
  // shows those from its own inspection.
  const inspection = readToken(input, clock);
  if (!inspection.ok)
    return fail('malformed', `The token cannot be read: ${inspection.error.message}`);
  if (inspection.envelope === 'JWE')
    return fail(
      'not-a-jws',
      'This is an encrypted token (JWE): it has no signature. Decrypt it with the recipient’s key; if it wraps a signed JWT, verify that one.',
    );
  const { header } = inspection;
  const alg = header['alg'];
  if (alg === undefined)
    return fail('alg-missing', 'The header has no alg; a token without one never verifies.');
  if (typeof alg !== 'string') return fail('alg-unsupported', 'The header’s alg is not a string.');
  if (alg.toLowerCase() === 'none')
    return fail(
      'alg-none',
      `alg is "${alg}": the token is unsigned, so there is nothing to verify. Keysmith never reports an unsecured token as valid.`,
    );
  const info = jwsAlgorithm(alg);
  if (info === undefined || !info.supported)
    return fail('alg-unsupported', `Keysmith cannot verify ${alg} signatures.`);

  const loaded = keysAtOnce(keyInput) ?? (await loadKeys(keyInput));
  if (!loaded.ok) return fail(loaded.code, loaded.reason);
  const selection = selectCandidates(loaded, header['kid'], alg, options.algorithms);
  if (!selection.ok)
    return fail('no-matching-key', selection.reason, {
      findings: selection.findings,
      skipped: selection.skipped,
    });
  const { candidates, matchedBy, findings: setFindings, skipped: setSkips } = selection;

  const tried: KeyAttempt[] = [];
  let lastFailure: Failure | null = null;
  let lastFindings: LintFinding[] = [];
  for (const candidate of candidates) {
    const description = describeKey(candidate, allowlist(candidate, options.algorithms), matchedBy);
    const findings = [...setFindings, ...keyFindings(candidate, alg)];
    if (!description.algorithms.includes(alg)) {
      const reason = mismatchReason(alg, description, candidate);
      return fail('alg-not-allowed-for-key', reason, {
        key: description,
        findings: [
          finding('alg-key-mismatch', reason),
          ...findings.filter((f) => f.id !== 'hmac-key-too-short'),
        ],
        tried: [{ key: description, outcome: 'algorithm not allowed for this key' }],
        skipped: setSkips,
      });
    }
    if (candidate.keyText !== undefined)
      return confusion(
        inspection.token,
        alg,
        candidate,
        candidate.keyText,
        description,
        findings,
        setSkips,
      );
    try {
      const material = verificationKey(candidate, alg);
      await compactVerify(
        inspection.token,
        material instanceof Promise ? await material : material,
        { algorithms: [alg] },
      );
    } catch (error) {
      lastFailure = classify(error);
      lastFindings = findings;
      tried.push({ key: description, outcome: lastFailure.reason });
      continue;
    }
    tried.push({ key: description, outcome: 'signature verified' });
    const { check, issues } = checkClaims(inspection.claims, clock, options);
    return {
      valid: true,
      signatureValid: true,
      claimsValid: issues.length === 0,
      algorithm: alg,
      key: description,
      claimsChecked: check,
      claimIssues: issues,
      findings,
      tried,
      skipped: setSkips,
    };
  }
  const failure = lastFailure ?? { code: 'internal' as const, reason: 'No key was tried.' };
  if (tried.length === 1)
    return fail(failure.code, failure.reason, {
      key: tried[0]?.key,
      findings: lastFindings,
      tried,
      skipped: setSkips,
    });
  return fail(
    failure.code,
    failure.code === 'signature-invalid'
      ? `None of the ${tried.length} compatible keys in the set verifies the signature.`
      : failure.reason,
    { findings: setFindings, tried, skipped: setSkips },
  );
}
