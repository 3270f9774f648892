import { jwsAlgorithm } from './keys/algorithms';
import { resolveClock, type Clock } from './time/clock';
import { finding, sortFindings } from './lint/rules';
import { explainHeader } from './explain/header-params';
import { lintJweHeader, lintJwsAlgorithm } from './lint/algorithm';
import { lintHeaderParams } from './lint/header';
import { MAX_INPUT_LENGTH, normalizeInput } from './encoding/normalize';
import { parseCompact, type ParsedJwe, type ParsedJws } from './encoding/parse';
import { analysePayload, duplicateFindings, readPayload } from './encoding/payload';
import type {
  EncryptedPart,
  JsonObject,
  JwtError,
  JwtInspection,
  JwtInspectionError,
  JwtInspectionOk,
  LintFinding,
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
  const findings: LintFinding[] = [];
  pushAll(findings, lintJwsAlgorithm(header, parsed.signature));
  pushAll(findings, lintHeaderParams(header, 'JWS'));
  pushAll(findings, duplicateFindings(parsed.headerText, 'header', header));
  pushAll(findings, layer.findings);
  // One literal, members in the documented order (a spread of `base` first costs a map per member).
  return {
    token: base.token,
    normalization: base.normalization,
    depth: base.depth,
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
      byteLength: parsed.signature.byteLength,
      expectedByteLength: info?.signatureBytes ?? null,
    },
    encryption: null,
    findings: sortFindings(findings),
    inner: layer.inner,
  };
}

function pushAll(into: LintFinding[], items: readonly LintFinding[]): void {
  for (const item of items) into.push(item);
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
    ...duplicateFindings(parsed.headerText, 'header', header),
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

/** A layer taken apart (normalised and parsed), or the inspection that says why it cannot be. */
type LayerRead =
  | { readonly ok: true; readonly base: LayerBase; readonly parsed: ParsedJws | ParsedJwe }
  | { readonly ok: false; readonly inspection: JwtInspectionError };

function internalError(base: LayerBase, cause: unknown): JwtInspectionError {
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

function readLayer(input: unknown, depth: number): LayerRead {
  let base: LayerBase = { token: '', normalization: [], depth };
  try {
    if (typeof input !== 'string')
      return {
        ok: false,
        inspection: {
          ...base,
          ok: false,
          error: {
            code: 'empty-input',
            segment: 'input',
            message: 'Nothing to inspect: the input is not text.',
          },
        },
      };
    if (input.length > MAX_INPUT_LENGTH * 2)
      return { ok: false, inspection: tooLarge(base, input.length) };
    const normalized = normalizeInput(input);
    if (normalized.token.length > MAX_INPUT_LENGTH)
      return { ok: false, inspection: tooLarge(base, normalized.token.length) };
    base = { token: normalized.token, normalization: normalized.steps, depth };
    const parsed = parseCompact(normalized.token, normalized.bare);
    if (!parsed.ok) return { ok: false, inspection: { ...base, ok: false, error: parsed.error } };
    return { ok: true, base, parsed: parsed.token };
  } catch (cause) {
    return { ok: false, inspection: internalError(base, cause) };
  }
}

function inspectLayer(input: unknown, clock: Clock, depth: number): JwtInspection {
  const read = readLayer(input, depth);
  if (!read.ok) return read.inspection;
  try {
    return read.parsed.envelope === 'JWS'
      ? inspectJws(read.parsed, read.base, clock)
      : inspectJwe(read.parsed, read.base, clock);
  } catch (cause) {
    return internalError(read.base, cause);
  }
}

/** What verification needs of a token, read exactly as inspectJwt reads it (same errors). */
export type TokenReading =
  | {
      readonly ok: true;
      readonly envelope: 'JWS' | 'JWE';
      /** The compact token after normalisation. */
      readonly token: string;
      readonly header: JsonObject;
      /** The claims set, or null when the payload is not one (or the token is a JWE). */
      readonly claims: JsonObject | null;
    }
  | { readonly ok: false; readonly error: JwtError };

/**
 * Reads a token as far as verification needs it: normalised, parsed, and its payload's claims
 * set, with inspectJwt's errors, but without the explanations and the lint (the debugger shows
 * those from its own inspection). Never throws.
 */
export function readToken(input: string, clock: Clock): TokenReading {
  const read = readLayer(input, 0);
  if (!read.ok) return { ok: false, error: read.inspection.error };
  const { base, parsed } = read;
  if (parsed.envelope === 'JWE')
    return { ok: true, envelope: 'JWE', token: base.token, header: parsed.header, claims: null };
  try {
    const payload = readPayload(parsed.payloadBytes, parsed.header, 0, (t, d) =>
      inspectLayer(t, clock, d),
    );
    return {
      ok: true,
      envelope: 'JWS',
      token: base.token,
      header: parsed.header,
      claims: payload.form === 'claims' ? payload.claims : null,
    };
  } catch (cause) {
    return { ok: false, error: internalError(base, cause).error };
  }
}

function tooLarge(base: LayerBase, length: number): JwtInspectionError {
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
