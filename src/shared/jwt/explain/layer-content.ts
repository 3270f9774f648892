import type { PayloadReading } from '../encoding/payload';
import { lintClaims } from '../lint/claims';
import { duplicateFindings } from '../lint/duplicates';
import type { Clock } from '../time/clock';
import { computeTimeStatus } from '../time/times';
import type {
  ClaimExplanation,
  JsonObject,
  JwtInspection,
  LintFinding,
  PayloadView,
  TimeStatus,
} from '../types';
import { explainClaims } from './claims';

/** The payload of one layer as the inspection shows it; the costly parts computed when first read. */
export interface LayerContent {
  readonly payload: PayloadView;
  readonly inner: JwtInspection | null;
  readonly claims: () => readonly ClaimExplanation[];
  readonly times: () => TimeStatus | null;
  readonly findings: () => readonly LintFinding[];
}

/** The empty list every layer without claims (or findings) shares. */
export const NONE: readonly never[] = [];

/**
 * Runs a deferred computation for a getter. inspectJwt never throws, and its getters keep that
 * promise: the explainers and the linter guard their own inputs, but should one of them fail all
 * the same, the member reads as `fallback` rather than throwing into whatever renders it.
 */
export function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

/** The payload of one layer, as the inspection shows it, its costly parts deferred. */
export function layerContent(read: PayloadReading, header: JsonObject, clock: Clock): LayerContent {
  if (read.form === 'other') {
    const { layer } = read;
    return {
      payload: layer.payload,
      inner: layer.inner,
      claims: () => NONE,
      times: () => null,
      findings: () => layer.findings,
    };
  }
  const { text, claims, ctyFindings } = read;
  let explained: readonly ClaimExplanation[] | undefined;
  let times: TimeStatus | undefined;
  let findings: readonly LintFinding[] | undefined;
  return {
    payload: { form: 'claims', text, claims },
    inner: null,
    claims: () => (explained ??= safely(() => explainClaims(claims, clock.now), NONE)),
    times: () => (times ??= computeTimeStatus(claims, clock.now, clock.clockToleranceSec)),
    findings: () =>
      (findings ??= safely(
        () => [
          ...ctyFindings,
          ...duplicateFindings(text, 'payload', claims),
          ...lintClaims(header, claims, clock.now, clock.clockToleranceSec),
        ],
        ctyFindings,
      )),
  };
}
