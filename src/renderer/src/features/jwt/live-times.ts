import { CLAIM_DOCS, computeTimeStatus, timeInfo } from '@shared/jwt';
import type { ClaimExplanation, JsonObject, JwtInspection, JwtInspectionOk } from '@shared/jwt';

/** A time claim's reading (local / UTC / relative, and its sentence) as of `now`. */
function claimAt(item: ClaimExplanation, members: JsonObject, now: number): ClaimExplanation {
  if (item.time === undefined) return item;
  const time = timeInfo(item.time.epochSeconds, now);
  let meaning = item.meaning;
  try {
    meaning = CLAIM_DOCS[item.name]?.meaning?.(item.value, { now, members, time }) ?? meaning;
  } catch {
    // The inspection's own sentence stays.
  }
  return { ...item, time, meaning };
}

/**
 * A copy of an inspection with new time-dependent parts. The members are named, not spread: the
 * JWT module computes explanations and findings lazily in getters, which a spread would drop.
 */
function withTimeParts(
  inspection: JwtInspectionOk,
  parts: Pick<JwtInspectionOk, 'claims' | 'times' | 'inner'>,
): JwtInspectionOk {
  return {
    ok: true,
    kind: inspection.kind,
    envelope: inspection.envelope,
    token: inspection.token,
    normalization: inspection.normalization,
    segments: inspection.segments,
    header: inspection.header,
    headerParams: inspection.headerParams,
    payload: inspection.payload,
    signature: inspection.signature,
    encryption: inspection.encryption,
    findings: inspection.findings,
    depth: inspection.depth,
    ...parts,
  };
}

/**
 * An inspection brought to `now` without reading the token again: the time state, countdown,
 * lifetime and every relative time of each layer. Everything else (findings included) stays as
 * inspected; the clock ticks cost a few date computations, not a parse.
 */
export function inspectionAt(inspection: JwtInspection, now: number): JwtInspection {
  if (!inspection.ok) return inspection;
  const claims = inspection.payload?.form === 'claims' ? inspection.payload.claims : null;
  if (claims === null) {
    return inspection.inner === null
      ? inspection
      : withTimeParts(inspection, {
          claims: inspection.claims,
          times: inspection.times,
          inner: inspectionAt(inspection.inner, now),
        });
  }
  return withTimeParts(inspection, {
    claims: inspection.claims.map((item) => claimAt(item, claims, now)),
    times: inspection.times && computeTimeStatus(claims, now, inspection.times.clockToleranceSec),
    inner: inspection.inner && inspectionAt(inspection.inner, now),
  });
}

/** The time state of every layer ("valid", "expired", …), to notice when one changes. */
export function timeStates(inspection: JwtInspection | null): string {
  const states: string[] = [];
  for (let layer = inspection; layer !== null && layer.ok; layer = layer.inner) {
    states.push(layer.times?.state ?? '-');
  }
  return states.join(' ');
}
