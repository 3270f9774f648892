import { inspectJwt } from './inspect';
import { jsonEqual } from './encoding/json';
import { TIME_CLAIMS } from './time/times';
import type { JsonObject, JsonValue, JwtInspection, JwtInspectionOk, TimeOptions } from './types';

/** How one member compares between token A and token B. */
export type DiffStatus = 'same' | 'changed' | 'only-in-a' | 'only-in-b';

/** One header parameter or claim, side by side. */
export interface ClaimDiff {
  readonly name: string;
  readonly location: 'header' | 'payload';
  readonly status: DiffStatus;
  readonly a?: JsonValue;
  readonly b?: JsonValue;
  /** For time claims present in both: b − a in seconds. */
  readonly deltaSec?: number;
}

/** Two tokens compared claim by claim. */
export interface JwtComparison {
  readonly a: JwtInspection;
  readonly b: JwtInspection;
  /** False when either token could not be read (see a.error / b.error). */
  readonly comparable: boolean;
  /** True when both inputs normalise to the very same token. */
  readonly identical: boolean;
  readonly header: readonly ClaimDiff[];
  readonly payload: readonly ClaimDiff[];
  readonly signature: 'same' | 'changed' | 'not-applicable';
  readonly summary: {
    readonly same: number;
    readonly changed: number;
    readonly onlyInA: number;
    readonly onlyInB: number;
  };
}

function diffObjects(a: JsonObject, b: JsonObject, location: ClaimDiff['location']): ClaimDiff[] {
  const names = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
  return names.map((name) => {
    const inA = Object.hasOwn(a, name);
    const inB = Object.hasOwn(b, name);
    const av = a[name];
    const bv = b[name];
    if (!inB) return { name, location, status: 'only-in-a', a: av as JsonValue };
    if (!inA) return { name, location, status: 'only-in-b', b: bv as JsonValue };
    const status = jsonEqual(av, bv) ? 'same' : 'changed';
    const delta =
      location === 'payload' &&
      TIME_CLAIMS.has(name) &&
      typeof av === 'number' &&
      typeof bv === 'number'
        ? { deltaSec: bv - av }
        : {};
    return { name, location, status, a: av as JsonValue, b: bv as JsonValue, ...delta };
  });
}

/** The payload as an object to diff: the claims, or the raw payload as a single pseudo-claim. */
function payloadObject(inspection: JwtInspectionOk): JsonObject {
  const payload = inspection.payload;
  if (payload === null) return {};
  switch (payload.form) {
    case 'claims':
      return payload.claims;
    case 'binary':
      return { '(payload)': `${payload.byteLength} bytes: ${payload.hexPreview}` };
    case 'json':
      return { '(payload)': payload.value };
    default:
      return { '(payload)': payload.text };
  }
}

/** Compares two tokens claim by claim (header and payload), for "what changed between these two?". */
export function compareJwts(a: string, b: string, options: TimeOptions = {}): JwtComparison {
  const ia = inspectJwt(a, options);
  const ib = inspectJwt(b, options);
  const identical = ia.token !== '' && ia.token === ib.token;
  if (!ia.ok || !ib.ok) {
    return {
      a: ia,
      b: ib,
      comparable: false,
      identical,
      header: [],
      payload: [],
      signature: 'not-applicable',
      summary: { same: 0, changed: 0, onlyInA: 0, onlyInB: 0 },
    };
  }
  const header = diffObjects(ia.header, ib.header, 'header');
  const payload = diffObjects(payloadObject(ia), payloadObject(ib), 'payload');
  const all = [...header, ...payload];
  const count = (status: DiffStatus): number => all.filter((d) => d.status === status).length;
  const signature =
    ia.signature === null || ib.signature === null
      ? 'not-applicable'
      : ia.signature.base64url === ib.signature.base64url
        ? 'same'
        : 'changed';
  return {
    a: ia,
    b: ib,
    comparable: true,
    identical,
    header,
    payload,
    signature,
    summary: {
      same: count('same'),
      changed: count('changed'),
      onlyInA: count('only-in-a'),
      onlyInB: count('only-in-b'),
    },
  };
}
