/**
 * The rotation wizard's domain, shared by main (which persists and drives it) and the renderer
 * (which shows it). A rotation never holds a secret or a token: only client_ids, names, times,
 * the create's Idempotency-Key and the decoded claims of the verification token.
 */

import type { CapturedCredential } from './domain';

/** The steps a rotation passes through, in order; each is saved to disk once reached. */
export const ROTATION_STEPS = [
  'creating',
  'captured',
  'verified',
  'switched',
  'handed-over',
  'watching',
  'revoked',
  'done',
] as const;

/** A step of a rotation that is still going (or has just finished). */
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** Where a rotation stands: one of its steps, or stopped by the user. */
export type RotationPhase = RotationStep | 'cancelled';

/** How often the wizard re-reads the old credential's last_used_at while watching. */
export const WATCH_POLL_INTERVAL_MS = 30_000;

/** A credential the rotation refers to, as it was when the rotation started. */
export interface RotationCredentialRef {
  readonly clientId: string;
  readonly name: string;
  readonly expiresAt: string | null;
}

/** The replacement to create: fixed before the first create is sent, with its Idempotency-Key. */
export interface RotationReplacement {
  readonly name: string;
  /** ISO 8601, or null for a credential that never expires. */
  readonly expiresAt: string | null;
  /** Sent with every try of the one create, so a lost response never makes a second credential. */
  readonly idempotencyKey: string;
}

/** What the token exchange with the new credential proved (decoded, signature not checked). */
export interface RotationVerification {
  readonly at: number;
  readonly tokenUrl: string;
  readonly tokenExpiresAt: number;
  readonly header: Readonly<Record<string, unknown>> | null;
  /** Null for an opaque (non-JWT) access token. */
  readonly claims: Readonly<Record<string, unknown>> | null;
}

/** What the API said about the old credential at the latest check. */
export interface RotationWatch {
  readonly polls: number;
  readonly lastPolledAt: number;
  readonly oldStatus: 'active' | 'revoked' | 'missing';
  readonly oldLastUsedAt: string | null;
  /** The old key was used after the switch: an app still holds it. */
  readonly usedAfterSwitch: boolean;
}

/** Why and how a rotation was stopped before its end. */
export interface RotationCancellation {
  readonly at: number;
  readonly fromStep: RotationStep;
  readonly revokedNew: boolean;
  /** What exists after the cancel, in words. */
  readonly note: string;
}

/** One environment's rotation, exactly as saved in `<userData>/rotations.json`. */
export interface Rotation {
  readonly id: string;
  readonly environmentId: string;
  readonly step: RotationPhase;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly old: RotationCredentialRef;
  readonly replacement: RotationReplacement;
  /** Creates sent so far (a create in flight when the app died counts). */
  readonly createAttempts: number;
  readonly newClientId: string | null;
  /** The API answered a retried create from its idempotency store. */
  readonly replayed: boolean;
  readonly verification: RotationVerification | null;
  readonly switchedAt: number | null;
  /** False when the environment used another credential than the old one: nothing to switch. */
  readonly keysmithSwitched: boolean;
  /** The old key's last_used_at read right after the switch: later values mean someone used it. */
  readonly baselineLastUsedAt: string | null;
  readonly handedOverAt: number | null;
  readonly watch: RotationWatch | null;
  readonly revokedAt: number | null;
  /** Tokens the old credential issued stay valid until then (epoch ms). */
  readonly tokensValidUntil: number | null;
  /** The user revoked the old key although it was used after the switch. */
  readonly revokedDespiteUse: boolean;
  readonly finishedAt: number | null;
  readonly cancelled: RotationCancellation | null;
  readonly history: readonly { readonly step: RotationPhase; readonly at: number }[];
}

/** The result of step (a): the rotation, and the one-time capture of the new secret. */
export interface RotationCreated {
  readonly rotation: Rotation;
  readonly captured: CapturedCredential;
}

/** Whether a rotation still needs the user (anything but done or cancelled). */
export function isRotationPending(rotation: Pick<Rotation, 'step'> | null | undefined): boolean {
  return (
    rotation !== null &&
    rotation !== undefined &&
    rotation.step !== 'done' &&
    rotation.step !== 'cancelled'
  );
}

/** "<old name> (rotated YYYY-MM-DD)", the suggested name of a replacement (local date). */
export function suggestedReplacementName(oldName: string, now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const base = oldName.replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, '');
  return `${base} (rotated ${day})`;
}

/**
 * The expiry that keeps the old credential's policy: never when it never expired, else the same
 * lifetime (created → expires) counted from now. Null lifetime when it cannot be read.
 */
export function sameExpiryPolicy(
  old: { readonly createdAt: string; readonly expiresAt: string | null },
  now: number,
): { readonly expiresAt: string | null; readonly lifetimeDays: number | null } {
  if (old.expiresAt === null) return { expiresAt: null, lifetimeDays: null };
  const lifetime = Date.parse(old.expiresAt) - Date.parse(old.createdAt);
  if (!Number.isFinite(lifetime) || lifetime <= 0) return { expiresAt: null, lifetimeDays: null };
  return {
    expiresAt: new Date(now + lifetime).toISOString(),
    lifetimeDays: Math.max(1, Math.round(lifetime / 86_400_000)),
  };
}

/** Whether a last_used_at shows use after the switch (later than the baseline, or the switch time). */
export function usedAfterSwitch(
  lastUsedAt: string | null,
  switch_: { readonly switchedAt: number | null; readonly baselineLastUsedAt: string | null },
): boolean {
  if (lastUsedAt === null) return false;
  const used = Date.parse(lastUsedAt);
  if (!Number.isFinite(used)) return false;
  if (switch_.baselineLastUsedAt !== null) {
    const baseline = Date.parse(switch_.baselineLastUsedAt);
    return Number.isFinite(baseline) ? used > baseline : false;
  }
  return switch_.switchedAt !== null && used > switch_.switchedAt;
}

/** What exists at a given point of a rotation, for the cancel dialog and the cancel note. */
export interface RotationFacts {
  /** none: no create sent; maybe: a create was sent and no answer kept; stored: created and in the keychain. */
  readonly newCredential: 'none' | 'maybe' | 'stored';
  readonly environmentUsesNew: boolean;
  readonly oldRevoked: boolean;
  /** The new credential can be revoked as part of the cancel. */
  readonly canRevokeNew: boolean;
  /** One or two sentences a person can act on. */
  readonly summary: string;
}

/** Says what exists now: the new credential, which one the environment uses, the old one's state. */
export function rotationFacts(rotation: Rotation, activeClientId: string | null): RotationFacts {
  const { old, replacement, newClientId } = rotation;
  const oldRevoked = rotation.revokedAt !== null;
  if (newClientId === null) {
    const maybe = rotation.createAttempts > 0;
    return {
      newCredential: maybe ? 'maybe' : 'none',
      environmentUsesNew: false,
      oldRevoked,
      canRevokeNew: maybe,
      summary: maybe
        ? `A create of “${replacement.name}” was sent but its answer was never received: the credential may exist without its secret being stored. ` +
          `Revoking looks for it in the list and revokes it if it is there. “${old.name}” is unchanged.`
        : `Nothing was created yet: “${old.name}” is unchanged.`,
    };
  }
  const usesNew = activeClientId === newClientId;
  const where = usesNew ? 'and the environment now uses it' : 'but the environment does not use it';
  const oldState = oldRevoked
    ? `“${old.name}” is revoked.`
    : `“${old.name}” is still active${usesNew ? '' : ' and still in use by Keysmith'}.`;
  return {
    newCredential: 'stored',
    environmentUsesNew: usesNew,
    oldRevoked,
    canRevokeNew: !oldRevoked,
    summary:
      `The new credential “${replacement.name}” (${newClientId}) exists and its secret is stored in the keychain, ${where}. ${oldState}` +
      (oldRevoked || !usesNew
        ? ''
        : ' Revoking the new one first switches the environment back to the old one.'),
  };
}
