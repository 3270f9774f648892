import { internalError, readLayer, type LayerBase } from './encoding/layer';
import type { ParsedJwe, ParsedJws } from './encoding/parse';
import { readPayload } from './encoding/payload';
import { explainEncryptedParts } from './explain/encrypted-parts';
import { explainHeader } from './explain/header-params';
import { layerContent, NONE, safely, type LayerContent } from './explain/layer-content';
import { jwsAlgorithm } from './keys/algorithms';
import { lintJweHeader, lintJwsAlgorithm } from './lint/algorithm';
import { duplicateFindings } from './lint/duplicates';
import { lintHeaderParams } from './lint/header';
import { finding, sortFindings } from './lint/rules';
import { resolveClock, type Clock } from './time/clock';
import type {
  ClaimExplanation,
  JsonObject,
  JwtError,
  JwtInspection,
  JwtInspectionOk,
  LintFinding,
  TimeOptions,
} from './types';

// An inspection decodes and parses at once, and works out the rest when it is first read: the
// explanations of header and claims, the time status and the findings are getters that compute
// their value on first access and keep it. The object reads, compares and serialises like plain
// data (the getters are own and enumerable), but a caller that only needs the decoded token, or
// re-inspects every second, does not pay for prose it never shows.

function readLayerContent(
  bytes: Uint8Array,
  header: JsonObject,
  clock: Clock,
  depth: number,
): LayerContent {
  const read = readPayload(bytes, header, depth, (t, d) => inspectLayer(t, clock, d));
  return layerContent(read, header, clock);
}

function inspectJws(parsed: ParsedJws, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const envelope = header['alg'] === 'none' ? 'unsecured' : 'JWS';
  const layer = readLayerContent(parsed.payloadBytes, header, clock, base.depth);
  const info = jwsAlgorithm(header['alg']);
  let headerParams: readonly ClaimExplanation[] | undefined;
  let findings: readonly LintFinding[] | undefined;
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
    get headerParams() {
      return (headerParams ??= safely(() => explainHeader(header, clock.now), NONE));
    },
    payload: layer.payload,
    get claims() {
      return layer.claims();
    },
    get times() {
      return layer.times();
    },
    signature: {
      status: envelope === 'unsecured' ? 'none' : 'not-verified',
      base64url: parsed.segments[2]?.base64url ?? '',
      byteLength: parsed.signature.byteLength,
      expectedByteLength: info?.signatureBytes ?? null,
    },
    encryption: null,
    get findings() {
      return (findings ??= safely(
        () =>
          sortFindings([
            ...lintJwsAlgorithm(header, parsed.signature),
            ...lintHeaderParams(header, 'JWS'),
            ...duplicateFindings(parsed.headerText, 'header', header),
            ...layer.findings(),
          ]),
        NONE,
      ));
    },
    inner: layer.inner,
  };
}

function inspectJwe(parsed: ParsedJwe, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const alg = typeof header['alg'] === 'string' ? header['alg'] : null;
  const enc = typeof header['enc'] === 'string' ? header['enc'] : null;
  const cty = header['cty'];
  const nested = typeof cty === 'string' && /^(application\/)?jwt$/i.test(cty);
  let headerParams: readonly ClaimExplanation[] | undefined;
  let findings: readonly LintFinding[] | undefined;
  return {
    token: base.token,
    normalization: base.normalization,
    depth: base.depth,
    ok: true,
    kind: nested ? 'nested' : 'JWE',
    envelope: 'JWE',
    segments: parsed.segments,
    header,
    get headerParams() {
      return (headerParams ??= safely(() => explainHeader(header, clock.now), NONE));
    },
    payload: null,
    claims: NONE,
    times: null,
    signature: null,
    encryption: {
      status: 'encrypted',
      algorithm: alg,
      encryption: enc,
      parts: explainEncryptedParts(parsed.segments, alg, enc),
    },
    get findings() {
      return (findings ??= safely(
        () =>
          sortFindings([
            ...lintJweHeader(header),
            ...lintHeaderParams(header, 'JWE'),
            ...duplicateFindings(parsed.headerText, 'header', header),
            ...(nested
              ? [
                  finding(
                    'nested-token',
                    'cty: JWT — the encrypted content is itself a JWT (usually a signed one). Decrypt it with the recipient key to see and verify it.',
                    { segment: 'header', claim: 'cty' },
                  ),
                ]
              : []),
          ]),
        NONE,
      ));
    },
    inner: null,
  };
}

/** Fills a JWE inspection with its decrypted plaintext (claims, or a nested JWT). Used by decryptJwe. */
export function withPlaintext(
  jwe: JwtInspectionOk,
  plaintext: Uint8Array,
  clock: Clock,
): JwtInspectionOk {
  const layer = readLayerContent(plaintext, jwe.header, clock, jwe.depth);
  let findings: readonly LintFinding[] | undefined;
  return {
    token: jwe.token,
    normalization: jwe.normalization,
    depth: jwe.depth,
    ok: true,
    kind: layer.payload.form === 'jwt' ? 'nested' : 'JWE',
    envelope: jwe.envelope,
    segments: jwe.segments,
    header: jwe.header,
    get headerParams() {
      return jwe.headerParams;
    },
    payload: layer.payload,
    get claims() {
      return layer.claims();
    },
    get times() {
      return layer.times();
    },
    signature: jwe.signature,
    encryption: jwe.encryption === null ? null : { ...jwe.encryption, status: 'decrypted' },
    // The "decrypt it to see the nested JWT" note is answered now; the layer brings its own findings.
    get findings() {
      return (findings ??= safely(
        () =>
          sortFindings([
            ...jwe.findings.filter((f) => f.id !== 'nested-token'),
            ...layer.findings(),
          ]),
        NONE,
      ));
    },
    inner: layer.inner,
  };
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

/**
 * Decodes, explains and lints a pasted token without verifying it; never throws. The decoding
 * happens now; explanations, times and findings when first read (see the note at the top).
 */
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
