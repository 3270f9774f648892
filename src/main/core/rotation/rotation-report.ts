import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Rotation } from '../../../shared/rotation';

/** The header and claims of a JWT access token, or nulls for an opaque one (never the token itself). */
export function decodeForDisplay(accessToken: string): {
  readonly header: Record<string, unknown> | null;
  readonly claims: Record<string, unknown> | null;
} {
  try {
    return { header: decodeProtectedHeader(accessToken), claims: decodeJwt(accessToken) };
  } catch {
    return { header: null, claims: null };
  }
}

const iso = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString());

/** The one-paragraph summary of a finished rotation that goes to the audit log (no secret, no token). */
export function rotationSummary(rotation: Rotation): string {
  const { old, replacement, newClientId, watch } = rotation;
  const parts = [
    `Rotated “${old.name}” (${old.clientId}) to “${replacement.name}” (${newClientId ?? '?'})`,
    `started ${iso(rotation.startedAt)}`,
    `created with Idempotency-Key ${replacement.idempotencyKey} in ${rotation.createAttempts} ${rotation.createAttempts === 1 ? 'try' : 'tries'}${rotation.replayed ? ' (response replayed: no second credential)' : ''}`,
    `verified ${iso(rotation.verification?.at ?? null)} at ${rotation.verification?.tokenUrl ?? '—'}`,
    rotation.keysmithSwitched
      ? `environment switched ${iso(rotation.switchedAt)}`
      : `environment kept its own credential; apps moved from ${iso(rotation.switchedAt)}`,
    `handed over ${iso(rotation.handedOverAt)}`,
    watch === null
      ? 'usage not watched'
      : `old key last used ${watch.oldLastUsedAt ?? 'never'} (${watch.polls} ${watch.polls === 1 ? 'check' : 'checks'})`,
    `old key revoked ${iso(rotation.revokedAt)}${rotation.revokedDespiteUse ? ' although it was used after the switch (acknowledged)' : ''}`,
    `its tokens valid until ${iso(rotation.tokensValidUntil)}`,
  ];
  return `${parts.join('; ')}.`;
}
