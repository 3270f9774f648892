/**
 * The data shapes of the JWT debugger: readonly and serialisable with JSON.stringify, so an
 * inspection can live in a store or be snapshot-tested as is (see JwtInspectionOk for the members
 * it works out when first read).
 */

/** Any JSON value, as decoded from a header or a payload. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A decoded JSON object (a JOSE header or a JWT claims set). */
export type JsonObject = { readonly [key: string]: JsonValue };

/** The parts of a compact token an error or a finding can point at. */
export type SegmentName =
  'input' | 'header' | 'payload' | 'signature' | 'encrypted-key' | 'iv' | 'ciphertext' | 'tag';

/** Stable codes for why a token could not be read at all. */
export type JwtErrorCode =
  | 'empty-input'
  | 'too-large'
  | 'json-serialization'
  | 'segment-count'
  | 'empty-segment'
  | 'base64url-padding'
  | 'base64url-alphabet'
  | 'base64url-length'
  | 'base64url-noncanonical'
  | 'utf8'
  | 'json'
  | 'not-an-object'
  | 'internal';

/** A precise, user-facing description of what is wrong with the input. */
export interface JwtError {
  readonly code: JwtErrorCode;
  readonly segment?: SegmentName;
  /** Character offset inside the segment (or the input) where the problem starts, when known. */
  readonly position?: number;
  readonly message: string;
}

/** How much a lint finding matters. */
export type Severity = 'info' | 'warning' | 'error';

/** One observation of the linter: what it saw, why it matters, and where the rule comes from. */
export interface LintFinding {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  readonly reference: string;
  /** Where the finding points (a segment), when it points somewhere. */
  readonly segment?: SegmentName;
  /** The header parameter or claim the finding is about, when it is about one. */
  readonly claim?: string;
}

/** One moment (a NumericDate claim) shown three ways. */
export interface TimeInfo {
  /** The value as given, in seconds since the epoch. */
  readonly epochSeconds: number;
  /** Local time with its UTC offset, e.g. `2011-03-22 19:43:00 UTC+01:00`; null when out of range. */
  readonly local: string | null;
  /** UTC in ISO 8601, e.g. `2011-03-22T18:43:00Z`; null when out of range. */
  readonly utc: string | null;
  /** Relative to `now`: `in 42 min`, `3 days ago`, `now`. */
  readonly relative: string;
  /** Seconds from `now` to this moment (negative in the past). */
  readonly secondsFromNow: number;
  /** True when the value looks like milliseconds rather than seconds. */
  readonly looksLikeMilliseconds: boolean;
}

/** Where the token stands in time, for the status badge, the countdown and the lifetime bar. */
export type TimeState = 'valid' | 'not-yet-valid' | 'expired' | 'no-expiry' | 'malformed';

/** The token's validity window evaluated at one instant. */
export interface TimeStatus {
  readonly state: TimeState;
  /** The instant evaluated, in epoch milliseconds. */
  readonly now: number;
  readonly clockToleranceSec: number;
  /** Seconds until `exp` (negative once past); null without a numeric `exp`. */
  readonly secondsLeft: number | null;
  /** Seconds until `nbf` is reached, when it is still ahead; otherwise null. */
  readonly secondsUntilValid: number | null;
  /** The lifetime bar: from `iat` (or `nbf`) to `exp`; null when either end is missing. */
  readonly lifetime: Lifetime | null;
  /** Why `state` is `malformed`, if it is. */
  readonly problem: string | null;
}

/** The span from issue to expiry, and how much of it has elapsed. */
export interface Lifetime {
  readonly startClaim: 'iat' | 'nbf';
  readonly start: number;
  readonly end: number;
  readonly totalSec: number;
  readonly elapsedSec: number;
  /** Elapsed share of the lifetime, clamped to 0..1. */
  readonly fraction: number;
}

/** Whether a claim or header parameter is registered, widely used, or private to an issuer. */
export type ClaimCategory = 'registered' | 'common' | 'private';

/** A header parameter or claim with its explanation: what it is, and what this value means. */
export interface ClaimExplanation {
  readonly name: string;
  readonly value: JsonValue;
  readonly category: ClaimCategory;
  /** A short human name ("Expiration time"); null for private claims. */
  readonly label: string | null;
  /** What the claim is, in one sentence; null for private claims. */
  readonly description: string | null;
  /** What this particular value means. */
  readonly meaning: string;
  readonly reference: string | null;
  /** For NumericDate claims (exp, nbf, iat, auth_time, ...). */
  readonly time?: TimeInfo;
}

/** The payload of a JWS (or a decrypted JWE) as far as it could be understood. */
export type PayloadView =
  | { readonly form: 'claims'; readonly text: string; readonly claims: JsonObject }
  | { readonly form: 'json'; readonly text: string; readonly value: JsonValue }
  | { readonly form: 'jwt'; readonly text: string }
  | { readonly form: 'text'; readonly text: string; readonly problem: JwtError }
  | {
      readonly form: 'binary';
      readonly byteLength: number;
      /** Up to the first 64 bytes in hex. */
      readonly hexPreview: string;
      readonly problem: JwtError;
    };

/** One base64url segment of the compact serialisation. */
export interface SegmentInfo {
  readonly name: SegmentName;
  readonly base64url: string;
  readonly byteLength: number;
}

/** The signature part of a JWS, and whether anyone has checked it. */
export interface SignatureInfo {
  /** `not-verified` until verifyJwt succeeds; `none` for an unsecured (`alg: none`) token. */
  readonly status: 'not-verified' | 'none';
  readonly base64url: string;
  readonly byteLength: number;
  /** The length the algorithm produces, when it is fixed (HS*, ES*, EdDSA). */
  readonly expectedByteLength: number | null;
}

/** The encrypted parts of a JWE, described. */
export interface EncryptionInfo {
  readonly status: 'encrypted' | 'decrypted';
  /** Key management algorithm (`alg`) and content encryption (`enc`), as the header says. */
  readonly algorithm: string | null;
  readonly encryption: string | null;
  readonly parts: readonly EncryptedPart[];
}

/** One of the four encrypted segments of a JWE and what it is for. */
export interface EncryptedPart extends SegmentInfo {
  readonly description: string;
}

/** The kind of token: the outer envelope, or `nested` when it wraps another JWT. */
export type JwtKind = 'JWS' | 'unsecured' | 'JWE' | 'nested';

/** The serialisation of one layer, whatever it wraps. */
export type JwtEnvelope = 'JWS' | 'unsecured' | 'JWE';

/**
 * A token that could be read. `headerParams`, `claims`, `times` and `findings` are worked out when
 * first read (getters, kept once computed, against the inspection's clock); JSON.stringify writes
 * every member in this order, while a spread or structuredClone copies only the others.
 */
export interface JwtInspectionOk {
  readonly ok: true;
  readonly kind: JwtKind;
  readonly envelope: JwtEnvelope;
  /** The compact token after normalisation (what was actually decoded). */
  readonly token: string;
  /** What normalisation removed from the input, in words ("a Bearer prefix"). */
  readonly normalization: readonly string[];
  readonly segments: readonly SegmentInfo[];
  readonly header: JsonObject;
  readonly headerParams: readonly ClaimExplanation[];
  /** Null for a JWE that has not been decrypted. */
  readonly payload: PayloadView | null;
  /** Explanations of every claim, in payload order (empty when the payload is not a claims set). */
  readonly claims: readonly ClaimExplanation[];
  /** Null when there is no claims set to evaluate. */
  readonly times: TimeStatus | null;
  /** Null for a JWE. */
  readonly signature: SignatureInfo | null;
  /** Null for a JWS. */
  readonly encryption: EncryptionInfo | null;
  readonly findings: readonly LintFinding[];
  /** The wrapped JWT of a nested token (one level down), when it can be seen. */
  readonly inner: JwtInspection | null;
  /** 0 for the outer token, 1 for the token inside it, ... */
  readonly depth: number;
}

/** Input that could not be read as a compact JWS or JWE. */
export interface JwtInspectionError {
  readonly ok: false;
  readonly error: JwtError;
  readonly token: string;
  readonly normalization: readonly string[];
  readonly depth: number;
}

/** The result of inspectJwt: a readable token, or a precise error. */
export type JwtInspection = JwtInspectionOk | JwtInspectionError;

/** Options shared by inspection and verification. */
export interface TimeOptions {
  /** The instant to evaluate against, in epoch MILLISECONDS (like Date.now()). Default: Date.now(). */
  readonly now?: number;
  /** Allowed clock skew in seconds for exp/nbf/iat. Default: 60. */
  readonly clockToleranceSec?: number;
}
