import { finding } from '../lint/rules';
import type { JsonObject, JwtError, JwtInspection, LintFinding, PayloadView } from '../types';
import { decodeUtf8, isJsonObject, jsonTypeName, parseJson } from './json';

/** How many JWTs inside JWTs Keysmith unwraps before it stops. */
export const MAX_NESTING_DEPTH = 4;

/** Inspects a nested token one level down (passed in, so this module does not import the inspector). */
export type InspectNested = (token: string, depth: number) => JwtInspection;

const COMPACT_JWT =
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?$/;

function hexPreview(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 64), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A payload (or decrypted plaintext) that is not a claims set, as the inspection shows it. */
export interface PayloadLayer {
  readonly payload: PayloadView;
  readonly inner: JwtInspection | null;
  readonly findings: readonly LintFinding[];
}

function notClaims(
  payload: PayloadView,
  detail: string,
  findings: readonly LintFinding[] = [],
): PayloadLayer {
  return {
    payload,
    inner: null,
    findings: [...findings, finding('payload-not-claims', detail, { segment: 'payload' })],
  };
}

/**
 * A payload read as far as verification needs it: a claims set (with the cty finding that goes
 * with it, if any), or, when it is anything else, the whole layer as the inspection shows it.
 */
export type PayloadReading =
  | {
      readonly form: 'claims';
      readonly text: string;
      readonly claims: JsonObject;
      readonly ctyFindings: readonly LintFinding[];
    }
  | { readonly form: 'other'; readonly layer: PayloadLayer };

/** Works out whether a payload (or a decrypted plaintext) is a claims set, without explaining it. */
export function readPayload(
  bytes: Uint8Array,
  header: JsonObject,
  depth: number,
  inspectNested: InspectNested,
): PayloadReading {
  const cty = header['cty'];
  const ctyJwt = typeof cty === 'string' && /^(application\/)?jwt$/i.test(cty);
  if (bytes.length === 0) {
    const problem: JwtError = {
      code: 'empty-segment',
      segment: 'payload',
      message: 'The payload is empty: detached content (RFC 7515 Appendix F) or a stripped token.',
    };
    return other(notClaims({ form: 'text', text: '', problem }, problem.message));
  }
  const utf8 = decodeUtf8(bytes, 'payload');
  if (!utf8.ok) {
    const payload: PayloadView = {
      form: 'binary',
      byteLength: bytes.length,
      hexPreview: hexPreview(bytes),
      problem: utf8.error,
    };
    return other(
      notClaims(
        payload,
        `The payload is ${bytes.length} bytes of binary data, not a JSON claims set. That is a valid JWS, but not a JWT.`,
      ),
    );
  }
  const text = utf8.text;
  if (ctyJwt || (text.startsWith('eyJ') && COMPACT_JWT.test(text))) {
    const nested = nestedLayer(text, ctyJwt, depth, inspectNested);
    if (nested !== null) return other(nested);
  }
  const ctyFindings = ctyJwt
    ? [
        finding('cty-mismatch', 'cty is JWT, but the payload is not a compact JWT.', {
          segment: 'header',
          claim: 'cty',
        }),
      ]
    : [];
  const json = parseJson(text, 'payload');
  if (!json.ok)
    return other(
      notClaims(
        { form: 'text', text, problem: json.error },
        `The payload is text, not JSON (${json.error.message}). A JWS may carry any bytes, but a JWT needs a JSON claims set.`,
        ctyFindings,
      ),
    );
  if (!isJsonObject(json.value))
    return other(
      notClaims(
        { form: 'json', text, value: json.value },
        `The payload is ${jsonTypeName(json.value)}, but a JWT claims set must be a JSON object.`,
        ctyFindings,
      ),
    );
  return { form: 'claims', text, claims: json.value, ctyFindings };
}

function other(layer: PayloadLayer): PayloadReading {
  return { form: 'other', layer };
}

function nestedLayer(
  text: string,
  ctyJwt: boolean,
  depth: number,
  inspectNested: InspectNested,
): PayloadLayer | null {
  const payload: PayloadView = { form: 'jwt', text };
  if (depth + 1 > MAX_NESTING_DEPTH) {
    return {
      payload,
      inner: null,
      findings: [
        finding(
          'nesting-too-deep',
          `The token is nested more than ${MAX_NESTING_DEPTH} levels deep; Keysmith stops unwrapping here.`,
          { segment: 'payload' },
        ),
      ],
    };
  }
  const inner = inspectNested(text, depth + 1);
  // A payload that is not a readable JWT is shown for what it is (with cty-mismatch if cty said JWT).
  if (!inner.ok) return null;
  const findings = [
    finding(
      'nested-token',
      `The payload is itself a ${inner.envelope === 'JWE' ? 'JWE' : 'JWT'} (level ${depth + 1}); it is shown below and must be verified on its own.`,
      { segment: 'payload' },
    ),
  ];
  if (!ctyJwt)
    findings.push(
      finding(
        'nested-without-cty',
        'The payload is a JWT, but the header does not say so with cty: "JWT"; recipients may treat it as an opaque string.',
        { segment: 'header', claim: 'cty' },
      ),
    );
  return { payload, inner, findings };
}
