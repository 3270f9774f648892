import { decryptionAlgorithmsForKey, jwsAlgorithm, signatureAlgorithmsForKey } from './algorithms';
import { finding } from '../lint/rules';
import { keyBits } from './describe';
import type { KeyText } from './key-text';
import type { LoadedKey } from './loaded-key';
import { describeKey } from './describe';
import type { KeyDescription, SkippedKey } from './types';
import type { LoadResult } from './load';
import type { JsonValue } from '../types';
import type { LintFinding } from '../types';

/** The algorithms this key may verify: by key type, narrowed by the JWK's own alg and the caller's list. */
export function allowlist(
  key: LoadedKey,
  narrowTo: readonly string[] | undefined,
): readonly string[] {
  let algs = signatureAlgorithmsForKey(key.jwk.kty ?? '', key.jwk.crv);
  if (typeof key.jwk.alg === 'string') algs = algs.filter((a) => a === key.jwk.alg);
  if (narrowTo !== undefined) algs = algs.filter((a) => narrowTo.includes(a));
  return algs;
}

/**
 * The key-management algorithms this key may decrypt `enc` content with: by key type, narrowed by
 * the JWK's own alg and the caller's list. A JWK's alg names the one algorithm the key is for
 * (RFC 7517 §4.4). For a key used directly as the content key, that is the content encryption
 * itself: RFC 7520 §5.6 marks its "dir" key `"alg": "A128GCM"`. So such a key allows "dir" for
 * content of exactly that encryption.
 */
export function decryptionAllowlist(
  key: LoadedKey,
  enc: string,
  narrowTo: readonly string[] | undefined,
): readonly string[] {
  let algs = decryptionAlgorithmsForKey(key.jwk.kty ?? '', key.jwk.crv);
  const own = key.jwk.alg;
  if (typeof own === 'string') algs = algs.filter((a) => a === own || (a === 'dir' && own === enc));
  if (narrowTo !== undefined) algs = algs.filter((a) => narrowTo.includes(a));
  return algs;
}

/** The key_ops (RFC 7517 §4.3) that decrypting a JWE may use: unwrapping, agreeing or decrypting. */
const DECRYPTION_OPS: readonly string[] = ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'];

/** Why a JWK may not decrypt (its use / key_ops), or null. */
export function usableForDecryption(key: LoadedKey): string | null {
  const { use, key_ops: ops } = key.jwk;
  if (use !== undefined && use !== 'enc') return `marked "use": "${use}", not for encryption`;
  if (Array.isArray(ops) && !ops.some((op) => DECRYPTION_OPS.includes(op)))
    return `its key_ops (${ops.join(', ')}) allow no decryption`;
  return null;
}

/** Why a JWK may not verify signatures (its use / key_ops), or null. */
function usableForSignatures(key: LoadedKey): string | null {
  const { use, key_ops: ops } = key.jwk;
  if (use !== undefined && use !== 'sig') return `marked "use": "${use}", not for signatures`;
  if (Array.isArray(ops) && !ops.includes('verify'))
    return `its key_ops (${ops.join(', ')}) exclude "verify"`;
  return null;
}

/** The key type to pick in the key form for key text pasted as a secret. */
export function keyTypeName(text: KeyText): string {
  return text.kind === 'pem' ? 'PEM' : text.kind === 'jwk' ? 'JWK' : 'JWKS';
}

/** Findings that depend on the key: HMAC length, a public key as secret, a private key, key use. */
export function keyFindings(key: LoadedKey, alg: string): LintFinding[] {
  const out: LintFinding[] = [];
  const info = jwsAlgorithm(alg);
  const bytes = key.jwk.kty === 'oct' ? (keyBits(key.jwk, key.secret) ?? 0) / 8 : 0;
  if (key.jwk.kty === 'oct' && info?.hashBytes !== undefined && bytes < info.hashBytes)
    out.push(
      finding(
        'hmac-key-too-short',
        `The secret is ${bytes} bytes; ${alg} needs at least ${info.hashBytes} (the hash output size). Short secrets can be brute-forced offline from any one token.`,
      ),
    );
  if (key.keyText !== undefined)
    out.push(
      finding(
        'secret-is-public-key',
        `The HMAC secret is the text of ${key.keyText.what}. A key’s text is no secret (a public key is published by design): anyone can compute this HMAC, which is exactly the algorithm-confusion forgery. Keysmith never calls such a token valid; choose the key type "${keyTypeName(key.keyText)}" instead.`,
      ),
    );
  if (key.private)
    out.push(
      finding(
        'private-key-supplied',
        'A private key was supplied; only its public part was used. Private keys do not belong in debugging tools or tickets.',
      ),
    );
  const unusable = key.source === 'jwk' ? usableForSignatures(key) : null;
  if (unusable !== null) out.push(finding('key-use-mismatch', `This key is ${unusable}.`));
  return out;
}

/** Explains why the token's alg does not fit the key (and names alg confusion when it is that). */
export function mismatchReason(alg: string, key: KeyDescription, loaded: LoadedKey): string {
  const kind =
    key.kty === 'oct'
      ? 'an HMAC secret'
      : `${key.kty === 'RSA' ? 'an RSA' : `an ${key.kty}${key.crv === undefined ? '' : ` ${key.crv}`}`} key`;
  const allowed =
    key.algorithms.length === 0
      ? 'nothing Keysmith can verify'
      : `only ${key.algorithms.join(', ')}`;
  let why = '';
  if (jwsAlgorithm(alg)?.kty === 'oct' && key.kty !== 'oct')
    why =
      ' An HMAC token checked against a public key is the classic algorithm-confusion attack: whoever has the public key can "sign" with it.';
  else if (key.kty === 'oct' && jwsAlgorithm(alg) !== undefined)
    why =
      loaded.keyText !== undefined
        ? ` The secret is the text of ${loaded.keyText.what}: choose the key type "${keyTypeName(loaded.keyText)}" instead.`
        : ` ${alg} tokens are signed with a private key and verified with the issuer's public key (PEM, JWK or JWKS).`;
  else if (typeof loaded.jwk.alg === 'string' && loaded.jwk.alg !== alg)
    why = ` The key itself says it is for ${loaded.jwk.alg}.`;
  return `The token says ${alg}, but the key is ${kind}, which verifies ${allowed}. Keysmith takes the algorithm from the key, never from the token (RFC 8725 §3.1).${why}`;
}

/** The keys worth trying for this token, how they were chosen, and the ones left out (and why). */
export type Selection =
  | {
      readonly ok: true;
      readonly candidates: readonly LoadedKey[];
      readonly matchedBy: NonNullable<KeyDescription['matchedBy']>;
      readonly findings: readonly LintFinding[];
      readonly skipped: readonly SkippedKey[];
    }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly findings: readonly LintFinding[];
      readonly skipped: readonly SkippedKey[];
    };

/**
 * Picks the keys to try: a single key as is (its allowlist is checked by the caller, so a misfit
 * is reported as such); from a set, the keys named by kid, else every compatible key.
 */
export function selectCandidates(
  loaded: Extract<LoadResult, { ok: true }>,
  kidValue: JsonValue | undefined,
  alg: string,
  narrowTo: readonly string[] | undefined,
): Selection {
  const { keys, set } = loaded;
  const skipped: SkippedKey[] = [...loaded.skipped];
  if (!set) return { ok: true, candidates: keys, matchedBy: 'only-key', findings: [], skipped };
  const findings: LintFinding[] = [];
  const kid = typeof kidValue === 'string' ? kidValue : undefined;
  const byKid = kid === undefined ? [] : keys.filter((k) => k.jwk.kid === kid);
  if (kid !== undefined && byKid.length === 0)
    findings.push(
      finding(
        'kid-not-in-key-set',
        `No key in the set has kid "${kid}"; Keysmith tried every compatible key instead. A strict verifier would reject the token.`,
      ),
    );
  const candidates = (byKid.length > 0 ? byKid : keys).filter((k) => {
    const algs = allowlist(k, narrowTo);
    const reason =
      usableForSignatures(k) ??
      (algs.includes(alg) ? null : `cannot verify ${alg} (it is ${describeKey(k, algs).label})`);
    if (reason !== null && k.index !== undefined) skipped.push({ index: k.index, reason });
    return reason === null;
  });
  if (candidates.length > 0)
    return {
      ok: true,
      candidates,
      matchedBy: byKid.length > 0 ? 'kid' : 'trial',
      findings,
      skipped,
    };
  const held = keys.map((k) => describeKey(k, allowlist(k, narrowTo)).label).join('; ');
  const reason = `No key in the set can verify this ${alg} token${kid === undefined ? '' : ` (kid "${kid}")`}. The set holds: ${held}.`;
  const misfit = keys.every((k) => !allowlist(k, narrowTo).includes(alg));
  return {
    ok: false,
    reason,
    findings: misfit
      ? [
          ...findings,
          finding(
            'alg-key-mismatch',
            `${reason} Keysmith takes the algorithm from the keys, never from the token (RFC 8725 §3.1).`,
          ),
        ]
      : findings,
    skipped,
  };
}
