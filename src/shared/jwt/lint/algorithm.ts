import { jweAlgorithm, jweEncryption, jwsAlgorithm, JWS_ALGORITHMS } from '../keys/algorithms';
import { finding } from './rules';
import { jsonTypeName, preview } from '../encoding/json';
import type { SignatureShape } from '../encoding/parse';
import type { JsonObject, LintFinding } from '../types';

function caseHint(alg: string): string {
  const match = Object.keys(JWS_ALGORITHMS).find((k) => k.toLowerCase() === alg.toLowerCase());
  return match === undefined ? '' : ` Did you mean "${match}"? alg values are case-sensitive.`;
}

/** Findings about the signing algorithm and the signature (its length and first byte) of a JWS. */
export function lintJwsAlgorithm(
  header: JsonObject,
  signature: SignatureShape,
): readonly LintFinding[] {
  const out: LintFinding[] = [];
  const alg = header['alg'];
  const at = { segment: 'header', claim: 'alg' } as const;
  if (alg === undefined) {
    out.push(
      finding(
        'alg-missing',
        'The header has no alg, so nobody can tell how (or whether) it was signed. A verifier must reject it.',
        at,
      ),
    );
    return out;
  }
  if (typeof alg !== 'string') {
    out.push(
      finding(
        'alg-unknown',
        `alg must be a string, but is ${jsonTypeName(alg)} (${preview(alg)}).`,
        at,
      ),
    );
    return out;
  }
  if (alg === 'none') {
    out.push(
      finding(
        'alg-none',
        'This token is not signed: anyone can write or change it. No verifier should accept it, and Keysmith never reports it as verified.',
        at,
      ),
    );
    if (signature.byteLength > 0)
      out.push(
        finding(
          'unsecured-with-signature',
          `alg is none, yet the signature segment holds ${signature.byteLength} bytes; an unsecured JWS must end with an empty signature.`,
          { segment: 'signature' },
        ),
      );
    return out;
  }
  if (alg.toLowerCase() === 'none') {
    out.push(
      finding(
        'alg-none-variant',
        `alg is "${alg}": a case variant of "none" used to slip unsigned tokens past libraries that compare case-insensitively. Treat it as forged.`,
        at,
      ),
    );
  }
  const info = jwsAlgorithm(alg);
  if (info === undefined) {
    const jwe = jweAlgorithm(alg);
    if (alg.toLowerCase() !== 'none')
      out.push(
        finding(
          'alg-unknown',
          jwe === undefined
            ? `"${alg}" is not a registered JWS algorithm.${caseHint(alg)}`
            : `"${alg}" is a JWE key-management algorithm, but this token has 3 segments, the shape of a JWS.`,
          at,
        ),
      );
  } else {
    if (info.weak !== undefined) out.push(finding('alg-weak', `${alg}: ${info.weak}.`, at));
    else if (!info.supported)
      out.push(
        finding(
          'alg-unknown',
          `${alg} is registered (${info.description}), but Keysmith cannot verify it.`,
          at,
        ),
      );
    if (info.deprecated !== undefined)
      out.push(finding('alg-deprecated', `${info.deprecated}.`, at));
  }
  if (signature.byteLength === 0) {
    out.push(
      finding(
        'signature-missing',
        `alg is ${alg}, but the signature segment is empty: the token was cut or stripped, and it cannot verify.`,
        { segment: 'signature' },
      ),
    );
  } else if (info !== undefined) {
    const lengthProblem = signatureLengthProblem(
      info.name,
      info.kty,
      info.signatureBytes,
      signature,
    );
    if (lengthProblem !== null)
      out.push(finding('signature-length', lengthProblem, { segment: 'signature' }));
  }
  return out;
}

function signatureLengthProblem(
  alg: string,
  kty: string,
  expected: number | null,
  signature: SignatureShape,
): string | null {
  const n = signature.byteLength;
  if (kty === 'RSA') {
    return n < 256
      ? `An RSA signature is as long as the key's modulus: ${n} bytes means a ${n * 8}-bit key, below the 2048-bit minimum (RFC 7518 §3.3). Verification will refuse it.`
      : null;
  }
  if (expected === null || n === expected) return null;
  if (kty === 'EC' && signature.firstByte === 0x30 && n > expected && n <= expected + 9) {
    return `${alg} signatures are the raw R‖S pair (${expected} bytes), but this one is ${n} bytes and starts like a DER (ASN.1) sequence: the signer forgot to convert from DER (RFC 7518 §3.4).`;
  }
  return `${alg} signatures are ${expected} bytes, but this one is ${n} bytes.`;
}

/** Findings about the JWE protected header: alg, enc, zip, PBES2 parameters. */
export function lintJweHeader(header: JsonObject): readonly LintFinding[] {
  const out: LintFinding[] = [];
  const alg = header['alg'];
  const enc = header['enc'];
  if (alg === undefined) {
    out.push(
      finding(
        'alg-missing',
        'The JWE header has no alg: nobody can tell how the content key is protected.',
        { segment: 'header', claim: 'alg' },
      ),
    );
  } else {
    const info = jweAlgorithm(alg);
    if (info === undefined) {
      const detail =
        jwsAlgorithm(alg) !== undefined
          ? `"${preview(alg)}" is a signature algorithm, but this token has 5 segments, the shape of a JWE.`
          : `"${preview(alg)}" is not a registered JWE key-management algorithm.`;
      out.push(finding('alg-unknown', detail, { segment: 'header', claim: 'alg' }));
    } else if (info.weak !== undefined) {
      out.push(
        finding('alg-weak', `${info.name}: ${info.weak}. Keysmith (jose) cannot decrypt it.`, {
          segment: 'header',
          claim: 'alg',
        }),
      );
    }
    if (typeof alg === 'string' && alg.startsWith('PBES2')) {
      const p2c = header['p2c'];
      if (typeof p2c !== 'number' || p2c < 1000 || p2c > 1_000_000)
        out.push(
          finding(
            'pbes2-count',
            typeof p2c !== 'number'
              ? 'PBES2 needs a numeric p2c (iteration count).'
              : p2c < 1000
                ? `p2c is ${p2c}; at least 1000 iterations are recommended.`
                : `p2c is ${p2c}: a huge count makes decryption a denial-of-service vector; Keysmith (jose) refuses more than 10,000.`,
            { segment: 'header', claim: 'p2c' },
          ),
        );
    }
  }
  if (enc === undefined) {
    out.push(
      finding(
        'jwe-enc-missing',
        'The JWE header has no enc: the content encryption is unknown, so it cannot be decrypted.',
        { segment: 'header', claim: 'enc' },
      ),
    );
  } else if (jweEncryption(enc) === undefined) {
    out.push(
      finding('alg-unknown', `enc "${preview(enc)}" is not a registered JWE content encryption.`, {
        segment: 'header',
        claim: 'enc',
      }),
    );
  }
  if (header['zip'] !== undefined) {
    out.push(
      finding(
        'jwe-zip',
        `The plaintext was compressed (zip: ${preview(header['zip'])}) before encryption. Compression leaks information about the plaintext through the ciphertext length (CRIME/BREACH-style attacks).`,
        { segment: 'header', claim: 'zip' },
      ),
    );
  }
  return out;
}
