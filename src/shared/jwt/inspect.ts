import { jwsAlgorithm } from './algorithms';
import { resolveClock, type Clock } from './clock';
import { finding, sortFindings } from './findings';
import { explainHeader } from './header-params';
import { lintJweHeader, lintJwsAlgorithm } from './lint-alg';
import { lintHeaderParams } from './lint-header';
import { MAX_INPUT_LENGTH, normalizeInput } from './normalize';
import { parseCompact, type ParsedJwe, type ParsedJws } from './parse';
import { analysePayload, duplicateFindings } from './payload';
import type {
  EncryptedPart,
  JwtInspection,
  JwtInspectionOk,
  SegmentName,
  TimeOptions,
} from './types';

function inspectJws(parsed: ParsedJws, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const envelope = header['alg'] === 'none' ? 'unsecured' : 'JWS';
  const layer = analysePayload(parsed.payloadBytes, header, clock, base.depth, (t, d) =>
    inspectLayer(t, clock, d),
  );
  const info = jwsAlgorithm(header['alg']);
  const signatureSegment = parsed.segments[2]?.base64url ?? '';
  return {
    ...base,
    ok: true,
    kind: layer.payload.form === 'jwt' ? 'nested' : envelope,
    envelope,
    segments: parsed.segments,
    header,
    headerParams: explainHeader(header, clock.now),
    payload: layer.payload,
    claims: layer.claims,
    times: layer.times,
    signature: {
      status: envelope === 'unsecured' ? 'none' : 'not-verified',
      base64url: signatureSegment,
      byteLength: parsed.signatureBytes.length,
      expectedByteLength: info?.signatureBytes ?? null,
    },
    encryption: null,
    findings: sortFindings([
      ...lintJwsAlgorithm(header, parsed.signatureBytes),
      ...lintHeaderParams(header, 'JWS'),
      ...duplicateFindings(parsed.headerText, 'header'),
      ...layer.findings,
    ]),
    inner: layer.inner,
  };
}

function describePart(name: SegmentName, alg: string, enc: string, byteLength: number): string {
  switch (name) {
    case 'encrypted-key':
      return byteLength === 0
        ? `Empty: with ${alg} the content key is not transported in the token.`
        : `The content key, encrypted for the recipient with ${alg} (${byteLength} bytes).`;
    case 'iv':
      return `Initialization vector for ${enc} (${byteLength} bytes).`;
    case 'ciphertext':
      return `The encrypted payload (${byteLength} bytes); only the recipient's key can decrypt it.`;
    case 'tag':
      return `Authentication tag (${byteLength} bytes): proves the ciphertext and the protected header were not altered.`;
    default:
      return `Protected header (${byteLength} bytes).`;
  }
}

function inspectJwe(parsed: ParsedJwe, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const alg = typeof header['alg'] === 'string' ? header['alg'] : null;
  const enc = typeof header['enc'] === 'string' ? header['enc'] : null;
  const cty = header['cty'];
  const nested = typeof cty === 'string' && /^(application\/)?jwt$/i.test(cty);
  const parts: EncryptedPart[] = parsed.segments
    .filter((s) => s.name !== 'header')
    .map((s) => ({
      ...s,
      description: describePart(s.name, alg ?? '?', enc ?? '?', s.byteLength),
    }));
  const findings = [
    ...lintJweHeader(header),
    ...lintHeaderParams(header, 'JWE'),
    ...duplicateFindings(parsed.headerText, 'header'),
  ];
  if (nested)
    findings.push(
      finding(
        'nested-token',
        'cty: JWT — the encrypted content is itself a JWT (usually a signed one). Decrypt it with the recipient key to see and verify it.',
        { segment: 'header', claim: 'cty' },
      ),
    );
  return {
    ...base,
    ok: true,
    kind: nested ? 'nested' : 'JWE',
    envelope: 'JWE',
    segments: parsed.segments,
    header,
    headerParams: explainHeader(header, clock.now),
    payload: null,
    claims: [],
    times: null,
    signature: null,
    encryption: { status: 'encrypted', algorithm: alg, encryption: enc, parts },
    findings: sortFindings(findings),
    inner: null,
  };
}

/** Fills a JWE inspection with its decrypted plaintext (claims, or a nested JWT). Used by decryptJwe. */
export function withPlaintext(
  jwe: JwtInspectionOk,
  plaintext: Uint8Array,
  clock: Clock,
): JwtInspectionOk {
  const layer = analysePayload(plaintext, jwe.header, clock, jwe.depth, (t, d) =>
    inspectLayer(t, clock, d),
  );
  // The "decrypt it to see the nested JWT" note is answered now; the layer brings its own findings.
  const kept = jwe.findings.filter((f) => f.id !== 'nested-token');
  return {
    ...jwe,
    kind: layer.payload.form === 'jwt' ? 'nested' : 'JWE',
    payload: layer.payload,
    claims: layer.claims,
    times: layer.times,
    inner: layer.inner,
    encryption: jwe.encryption === null ? null : { ...jwe.encryption, status: 'decrypted' },
    findings: sortFindings([...kept, ...layer.findings]),
  };
}

interface LayerBase {
  readonly token: string;
  readonly normalization: readonly string[];
  readonly depth: number;
}

function inspectLayer(input: unknown, clock: Clock, depth: number): JwtInspection {
  let base: LayerBase = { token: '', normalization: [], depth };
  try {
    if (typeof input !== 'string')
      return {
        ...base,
        ok: false,
        error: {
          code: 'empty-input',
          segment: 'input',
          message: 'Nothing to inspect: the input is not text.',
        },
      };
    if (input.length > MAX_INPUT_LENGTH * 2) return tooLarge(base, input.length);
    const normalized = normalizeInput(input);
    if (normalized.token.length > MAX_INPUT_LENGTH) return tooLarge(base, normalized.token.length);
    base = { token: normalized.token, normalization: normalized.steps, depth };
    const parsed = parseCompact(normalized.token);
    if (!parsed.ok) return { ...base, ok: false, error: parsed.error };
    return parsed.token.envelope === 'JWS'
      ? inspectJws(parsed.token, base, clock)
      : inspectJwe(parsed.token, base, clock);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      ...base,
      ok: false,
      error: {
        code: 'internal',
        segment: 'input',
        message: `Keysmith could not inspect this input (${message}).`,
      },
    };
  }
}

function tooLarge(base: LayerBase, length: number): JwtInspection {
  return {
    ...base,
    ok: false,
    error: {
      code: 'too-large',
      segment: 'input',
      message: `The input is ${length.toLocaleString('en-US')} characters; Keysmith reads tokens up to ${MAX_INPUT_LENGTH.toLocaleString('en-US')}.`,
    },
  };
}

/** Decodes, explains and lints a pasted token without verifying it; never throws. */
export function inspectJwt(input: string, options: TimeOptions = {}): JwtInspection {
  try {
    return inspectLayer(input, resolveClock(options), 0);
  } catch {
    return {
      ok: false,
      token: '',
      normalization: [],
      depth: 0,
      error: { code: 'internal', message: 'Keysmith could not inspect this input.' },
    };
  }
}
