import { internalError, readLayer, type LayerBase } from './encoding/layer';
import type { ParsedJwe, ParsedJws } from './encoding/parse';
import { readPayload } from './encoding/payload';
import { explainEncryptedParts } from './explain/encrypted-parts';
import { Inspection, LayerContent } from './explain/inspection';
import { jwsAlgorithm } from './keys/algorithms';
import { resolveClock, type Clock } from './time/clock';
import type { JsonObject, JwtError, JwtInspection, JwtInspectionOk, TimeOptions } from './types';

function readLayerContent(
  bytes: Uint8Array,
  header: JsonObject,
  clock: Clock,
  depth: number,
): LayerContent {
  const read = readPayload(bytes, header, depth, (t, d) => inspectLayer(t, clock, d));
  return new LayerContent(read, header, clock);
}

function inspectJws(parsed: ParsedJws, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const envelope = header['alg'] === 'none' ? 'unsecured' : 'JWS';
  const content = readLayerContent(parsed.payloadBytes, header, clock, base.depth);
  const info = jwsAlgorithm(header['alg']);
  return new Inspection(
    {
      token: base.token,
      normalization: base.normalization,
      depth: base.depth,
      kind: content.payload.form === 'jwt' ? 'nested' : envelope,
      envelope,
      segments: parsed.segments,
      header,
      signature: {
        status: envelope === 'unsecured' ? 'none' : 'not-verified',
        base64url: parsed.segments[2]?.base64url ?? '',
        byteLength: parsed.signature.byteLength,
        expectedByteLength: info?.signatureBytes ?? null,
      },
      encryption: null,
    },
    content,
    { envelope: 'JWS', headerText: parsed.headerText, signature: parsed.signature },
    clock,
  );
}

function inspectJwe(parsed: ParsedJwe, base: LayerBase, clock: Clock): JwtInspectionOk {
  const { header } = parsed;
  const alg = typeof header['alg'] === 'string' ? header['alg'] : null;
  const enc = typeof header['enc'] === 'string' ? header['enc'] : null;
  const cty = header['cty'];
  const nested = typeof cty === 'string' && /^(application\/)?jwt$/i.test(cty);
  return new Inspection(
    {
      token: base.token,
      normalization: base.normalization,
      depth: base.depth,
      kind: nested ? 'nested' : 'JWE',
      envelope: 'JWE',
      segments: parsed.segments,
      header,
      signature: null,
      encryption: {
        status: 'encrypted',
        algorithm: alg,
        encryption: enc,
        parts: explainEncryptedParts(parsed.segments, alg, enc),
      },
    },
    null,
    { envelope: 'JWE', headerText: parsed.headerText, nested },
    clock,
  );
}

/** Fills a JWE inspection with its decrypted plaintext (claims, or a nested JWT). Used by decryptJwe. */
export function withPlaintext(
  jwe: JwtInspectionOk,
  plaintext: Uint8Array,
  clock: Clock,
): JwtInspectionOk {
  const content = readLayerContent(plaintext, jwe.header, clock, jwe.depth);
  return new Inspection(
    {
      token: jwe.token,
      normalization: jwe.normalization,
      depth: jwe.depth,
      kind: content.payload.form === 'jwt' ? 'nested' : 'JWE',
      envelope: jwe.envelope,
      segments: jwe.segments,
      header: jwe.header,
      signature: jwe.signature,
      encryption: jwe.encryption === null ? null : { ...jwe.encryption, status: 'decrypted' },
    },
    content,
    { envelope: 'decrypted', jwe },
    clock,
  );
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
 * happens now; explanations, times and findings when first read (see explain/inspection.ts).
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
