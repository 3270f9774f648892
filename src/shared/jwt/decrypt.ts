import { compactDecrypt } from 'jose';
import { inspectJwt, withPlaintext } from './inspect';
import { jweAlgorithm, jweEncryption } from './keys/algorithms';
import { describeKey } from './keys/describe';
import { loadKeys } from './keys/load';
import { decryptionKey } from './keys/material';
import { decryptionAllowlist, usableForDecryption } from './keys/select';
import type { KeyAttempt, KeyDescription, KeyInput } from './keys/types';
import { finding } from './lint/rules';
import { resolveClock } from './time/clock';
import type { JwtInspectionOk, LintFinding, TimeOptions } from './types';

/** Options of decryptJwe: the clock for the decrypted claims, and an optional narrower alg list. */
export interface DecryptOptions extends TimeOptions {
  /** Narrows the key-derived list of key-management algorithms; it can never widen it. */
  readonly algorithms?: readonly string[];
}

/** Stable codes for why a JWE could not be decrypted. */
export type DecryptErrorCode =
  | 'malformed'
  | 'not-a-jwe'
  | 'alg-unsupported'
  | 'key-empty'
  | 'key-invalid'
  | 'key-unsupported'
  | 'key-not-private'
  | 'alg-not-allowed-for-key'
  | 'no-matching-key'
  | 'decryption-failed'
  | 'internal';

/** The outcome of decryptJwe: the JWE inspected again with its plaintext, or why it stayed closed. */
export type DecryptResult =
  | {
      readonly ok: true;
      readonly algorithm: string;
      readonly encryption: string;
      readonly key: KeyDescription;
      /** The JWE's inspection with payload, claims, times and (for nested tokens) `inner` filled in. */
      readonly inspection: JwtInspectionOk;
      readonly findings: readonly LintFinding[];
      readonly tried: readonly KeyAttempt[];
    }
  | {
      readonly ok: false;
      readonly code: DecryptErrorCode;
      readonly reason: string;
      readonly key?: KeyDescription;
      readonly findings: readonly LintFinding[];
      readonly tried: readonly KeyAttempt[];
    };

function fail(
  code: DecryptErrorCode,
  reason: string,
  extra: {
    key?: KeyDescription;
    findings?: readonly LintFinding[];
    tried?: readonly KeyAttempt[];
  } = {},
): DecryptResult {
  return {
    ok: false,
    code,
    reason,
    findings: extra.findings ?? [],
    tried: extra.tried ?? [],
    ...(extra.key === undefined ? {} : { key: extra.key }),
  };
}

function classify(error: unknown): { readonly code: DecryptErrorCode; readonly reason: string } {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_JWE_DECRYPTION_FAILED')
    return {
      code: 'decryption-failed',
      reason: 'Decryption failed: this is not the recipient’s key, or the token was altered.',
    };
  if (code === 'ERR_JOSE_NOT_SUPPORTED') return { code: 'alg-unsupported', reason: message };
  if (code === 'ERR_JWE_INVALID') return { code: 'malformed', reason: message };
  return { code: 'key-invalid', reason: `The key cannot be used for this token: ${message}` };
}

/** Decrypts a compact JWE with a supplied key and inspects the plaintext (claims or a nested JWT); never throws. */
export async function decryptJwe(
  input: string,
  key: KeyInput,
  options: DecryptOptions = {},
): Promise<DecryptResult> {
  try {
    return await decryptUnsafe(input, key, options);
  } catch (cause) {
    return fail(
      'internal',
      `Decryption stopped unexpectedly: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

async function decryptUnsafe(
  input: string,
  keyInput: KeyInput,
  options: DecryptOptions,
): Promise<DecryptResult> {
  const clock = resolveClock(options);
  const inspection = inspectJwt(input, clock);
  if (!inspection.ok)
    return fail('malformed', `The token cannot be read: ${inspection.error.message}`);
  if (inspection.envelope !== 'JWE')
    return fail(
      'not-a-jwe',
      'This is a signed token (JWS), not an encrypted one: there is nothing to decrypt. Verify it instead.',
    );
  const alg = inspection.header['alg'];
  const enc = inspection.header['enc'];
  const algInfo = jweAlgorithm(alg);
  if (typeof alg !== 'string' || algInfo === undefined || !algInfo.supported)
    return fail(
      'alg-unsupported',
      `Keysmith cannot decrypt with alg ${JSON.stringify(alg ?? null)}.`,
    );
  if (typeof enc !== 'string' || jweEncryption(enc) === undefined)
    return fail('alg-unsupported', `Keysmith cannot decrypt enc ${JSON.stringify(enc ?? null)}.`);

  const loaded = await loadKeys(keyInput);
  if (!loaded.ok) return fail(loaded.code, loaded.reason);
  const kid = typeof inspection.header['kid'] === 'string' ? inspection.header['kid'] : undefined;
  const byKid = loaded.set && kid !== undefined ? loaded.keys.filter((k) => k.jwk.kid === kid) : [];
  const matchedBy: KeyDescription['matchedBy'] =
    byKid.length > 0 ? 'kid' : loaded.set ? 'trial' : 'only-key';
  const pool = byKid.length > 0 ? byKid : loaded.keys;
  const tried: KeyAttempt[] = [];
  let last: { readonly code: DecryptErrorCode; readonly reason: string } | null = null;
  let attempted = 0;
  for (const candidate of pool) {
    const algorithms = decryptionAllowlist(candidate, enc, options.algorithms);
    const description = describeKey(candidate, algorithms, matchedBy);
    // RFC 7517 §4.2/§4.3: a set's keys marked for another use are left out; a single key given on
    // purpose is tried, with a warning.
    const unusable =
      candidate.source === 'jwk' || loaded.set ? usableForDecryption(candidate) : null;
    if (unusable !== null && loaded.set) {
      last = { code: 'no-matching-key', reason: `${description.label} is ${unusable}.` };
      tried.push({ key: description, outcome: last.reason });
      continue;
    }
    if (candidate.jwk.kty !== 'oct' && !candidate.private) {
      last = {
        code: 'key-not-private',
        reason: `${description.label} is a public key; decrypting needs the recipient’s private key.`,
      };
      tried.push({ key: description, outcome: last.reason });
      continue;
    }
    if (!description.algorithms.includes(alg)) {
      const own = candidate.jwk.alg;
      const marked =
        typeof own === 'string' && own !== alg
          ? ` Its JWK says "alg": "${own}"${jweEncryption(own) === undefined ? '' : `, which allows only "dir" with ${own} content`}.`
          : '';
      last = {
        code: 'alg-not-allowed-for-key',
        reason: `The token uses ${alg} with ${enc}, but ${description.label} can only be used with ${description.algorithms.join(', ') || 'nothing Keysmith supports'} (the algorithm comes from the key, not the token).${marked}`,
      };
      tried.push({ key: description, outcome: last.reason });
      continue;
    }
    attempted++;
    try {
      const { plaintext } = await compactDecrypt(
        inspection.token,
        await decryptionKey(candidate, alg),
        {
          keyManagementAlgorithms: [alg],
        },
      );
      tried.push({ key: description, outcome: 'decrypted' });
      return {
        ok: true,
        algorithm: alg,
        encryption: enc,
        key: description,
        inspection: withPlaintext(inspection, plaintext, clock),
        findings: [
          ...(candidate.private && candidate.source === 'pkcs8'
            ? [
                finding(
                  'private-key-supplied',
                  'A private key was supplied to decrypt; keep it out of tickets and screenshots.',
                ),
              ]
            : []),
          ...(unusable === null ? [] : [finding('key-use-mismatch', `This key is ${unusable}.`)]),
        ],
        tried,
      };
    } catch (error) {
      last = classify(error);
      tried.push({ key: description, outcome: last.reason });
    }
  }
  const failure = last ?? { code: 'no-matching-key' as const, reason: 'No key was tried.' };
  if (tried.length === 1) {
    const findings =
      failure.code === 'alg-not-allowed-for-key'
        ? [finding('alg-key-mismatch', failure.reason)]
        : [];
    return fail(failure.code, failure.reason, {
      ...(tried[0] === undefined ? {} : { key: tried[0].key }),
      findings,
      tried,
    });
  }
  return attempted > 0
    ? fail(
        failure.code,
        `None of the ${attempted} compatible keys decrypts the token. Last: ${failure.reason}`,
        { tried },
      )
    : fail(
        'no-matching-key',
        `No key in the set can decrypt ${alg}${kid === undefined ? '' : ` (kid "${kid}")`}.`,
        { tried },
      );
}
