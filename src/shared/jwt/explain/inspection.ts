import type { PayloadReading } from '../encoding/payload';
import type { SignatureShape } from '../encoding/parse';
import { lintJweHeader, lintJwsAlgorithm } from '../lint/algorithm';
import { lintClaims } from '../lint/claims';
import { duplicateFindings } from '../lint/duplicates';
import { lintHeaderParams } from '../lint/header';
import { finding, sortFindings } from '../lint/rules';
import type { Clock } from '../time/clock';
import { computeTimeStatus } from '../time/times';
import type {
  ClaimExplanation,
  EncryptionInfo,
  JsonObject,
  JwtEnvelope,
  JwtInspection,
  JwtInspectionOk,
  JwtKind,
  LintFinding,
  PayloadView,
  SegmentInfo,
  SignatureInfo,
  TimeStatus,
} from '../types';
import { explainClaims } from './claims';
import { explainHeader } from './header-params';

// An inspection decodes and parses at once, and works out the rest when it is first read: the
// explanations of header and claims, the time status and the findings are getters that compute
// their value on first access and keep it, against the clock of the inspection. They live on the
// class, not on each object: an object literal with getters costs two microseconds to build and
// ends up with slow properties, a class instance a few dozen nanoseconds. JSON.stringify sees
// every member, in the documented order (toJSON); a spread or structuredClone copies only the
// decoded ones.

/** The empty list every layer without claims (or findings) shares. */
const NONE: readonly never[] = [];

/**
 * Runs a deferred computation for a getter. inspectJwt never throws, and its getters keep that
 * promise: the explainers and the linter guard their own inputs, but should one of them fail all
 * the same, the member reads as `fallback` rather than throwing into whatever renders it.
 */
function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

/**
 * The payload of one layer as the inspection shows it: its form and inner token at once, its
 * explanations, time status and findings computed on the first call and kept.
 */
export class LayerContent {
  readonly payload: PayloadView;
  readonly inner: JwtInspection | null;
  readonly #read: PayloadReading;
  readonly #header: JsonObject;
  readonly #clock: Clock;
  #explained: readonly ClaimExplanation[] | undefined;
  #status: TimeStatus | undefined;
  #linted: readonly LintFinding[] | undefined;

  constructor(read: PayloadReading, header: JsonObject, clock: Clock) {
    this.#read = read;
    this.#header = header;
    this.#clock = clock;
    this.payload =
      read.form === 'other'
        ? read.layer.payload
        : { form: 'claims', text: read.text, claims: read.claims };
    this.inner = read.form === 'other' ? read.layer.inner : null;
  }

  /** Every claim explained, in payload order (none when the payload is not a claims set). */
  claims(): readonly ClaimExplanation[] {
    const read = this.#read;
    if (read.form === 'other') return NONE;
    const now = this.#clock.now;
    return (this.#explained ??= safely(() => explainClaims(read.claims, now), NONE));
  }

  /** Where the claims set stands in time; null without one. */
  times(): TimeStatus | null {
    const read = this.#read;
    if (read.form === 'other') return null;
    const { now, clockToleranceSec } = this.#clock;
    return (this.#status ??= computeTimeStatus(read.claims, now, clockToleranceSec));
  }

  /** The payload's findings: what it is (when not claims), repeated members, the claims lint. */
  findings(): readonly LintFinding[] {
    const read = this.#read;
    if (read.form === 'other') return read.layer.findings;
    const header = this.#header;
    const { now, clockToleranceSec } = this.#clock;
    return (this.#linted ??= safely(
      () => [
        ...read.ctyFindings,
        ...duplicateFindings(read.text, 'payload', read.claims),
        ...lintClaims(header, read.claims, now, clockToleranceSec),
      ],
      read.ctyFindings,
    ));
  }
}

/** How an inspection's header findings are worked out, when first read. */
export type HeaderLint =
  | { readonly envelope: 'JWS'; readonly headerText: string; readonly signature: SignatureShape }
  | { readonly envelope: 'JWE'; readonly headerText: string; readonly nested: boolean }
  /** A decrypted JWE: the findings of the JWE as it was, less the "decrypt it" note. */
  | { readonly envelope: 'decrypted'; readonly jwe: JwtInspectionOk };

/** The members of an inspection known as soon as the token is parsed. */
export interface DecodedMembers {
  readonly token: string;
  readonly normalization: readonly string[];
  readonly depth: number;
  readonly kind: JwtKind;
  readonly envelope: JwtEnvelope;
  readonly segments: readonly SegmentInfo[];
  readonly header: JsonObject;
  readonly signature: SignatureInfo | null;
  readonly encryption: EncryptionInfo | null;
}

function headerFindings(header: JsonObject, lint: HeaderLint): readonly LintFinding[] {
  switch (lint.envelope) {
    case 'JWS':
      return [
        ...lintJwsAlgorithm(header, lint.signature),
        ...lintHeaderParams(header, 'JWS'),
        ...duplicateFindings(lint.headerText, 'header', header),
      ];
    case 'JWE':
      return [
        ...lintJweHeader(header),
        ...lintHeaderParams(header, 'JWE'),
        ...duplicateFindings(lint.headerText, 'header', header),
        ...(lint.nested
          ? [
              finding(
                'nested-token',
                'cty: JWT — the encrypted content is itself a JWT (usually a signed one). Decrypt it with the recipient key to see and verify it.',
                { segment: 'header', claim: 'cty' },
              ),
            ]
          : []),
      ];
    default:
      // The "decrypt it to see the nested JWT" note is answered now.
      return lint.jwe.findings.filter((f) => f.id !== 'nested-token');
  }
}

/** A readable token (one layer): decoded members at once, explanations and findings when read. */
export class Inspection implements JwtInspectionOk {
  readonly token: string;
  readonly normalization: readonly string[];
  readonly depth: number;
  readonly ok = true;
  readonly kind: JwtKind;
  readonly envelope: JwtEnvelope;
  readonly segments: readonly SegmentInfo[];
  readonly header: JsonObject;
  readonly payload: PayloadView | null;
  readonly signature: SignatureInfo | null;
  readonly encryption: EncryptionInfo | null;
  readonly inner: JwtInspection | null;
  readonly #clock: Clock;
  readonly #content: LayerContent | null;
  readonly #lint: HeaderLint;
  #headerParams: readonly ClaimExplanation[] | undefined;
  #findings: readonly LintFinding[] | undefined;

  constructor(
    decoded: DecodedMembers,
    content: LayerContent | null,
    lint: HeaderLint,
    clock: Clock,
  ) {
    this.token = decoded.token;
    this.normalization = decoded.normalization;
    this.depth = decoded.depth;
    this.kind = decoded.kind;
    this.envelope = decoded.envelope;
    this.segments = decoded.segments;
    this.header = decoded.header;
    this.payload = content === null ? null : content.payload;
    this.signature = decoded.signature;
    this.encryption = decoded.encryption;
    this.inner = content === null ? null : content.inner;
    this.#content = content;
    this.#lint = lint;
    this.#clock = clock;
  }

  /** Every header parameter explained, in header order. */
  get headerParams(): readonly ClaimExplanation[] {
    const { header } = this;
    const now = this.#clock.now;
    return (this.#headerParams ??=
      this.#lint.envelope === 'decrypted'
        ? this.#lint.jwe.headerParams
        : safely(() => explainHeader(header, now), NONE));
  }

  /** Every claim explained, in payload order (empty when the payload is not a claims set). */
  get claims(): readonly ClaimExplanation[] {
    return this.#content === null ? NONE : this.#content.claims();
  }

  /** Where the token stands in time; null when there is no claims set to evaluate. */
  get times(): TimeStatus | null {
    return this.#content === null ? null : this.#content.times();
  }

  /** The linter's findings about header and payload, most severe first. */
  get findings(): readonly LintFinding[] {
    const { header } = this;
    const lint = this.#lint;
    const content = this.#content;
    return (this.#findings ??= safely(
      () =>
        sortFindings([
          ...headerFindings(header, lint),
          ...(content === null ? NONE : content.findings()),
        ]),
      NONE,
    ));
  }

  /** Every member, in the documented order, as JSON.stringify should write it. */
  toJSON(): Record<keyof JwtInspectionOk, unknown> {
    return {
      token: this.token,
      normalization: this.normalization,
      depth: this.depth,
      ok: this.ok,
      kind: this.kind,
      envelope: this.envelope,
      segments: this.segments,
      header: this.header,
      headerParams: this.headerParams,
      payload: this.payload,
      claims: this.claims,
      times: this.times,
      signature: this.signature,
      encryption: this.encryption,
      findings: this.findings,
      inner: this.inner,
    };
  }
}
