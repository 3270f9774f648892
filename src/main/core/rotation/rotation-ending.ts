import { AppFailure } from '../../../shared/errors';
import { rotationFacts, type Rotation } from '../../../shared/rotation';
import { cancelRevokeNewRequest, revokeOldRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import { MAX_TOKEN_LIFETIME_MS } from '../credentials/credentials-service';
import { isAlreadyRevoked, type RotationContext } from './rotation-context';
import { rotationSummary } from './rotation-report';
import { applyRotationEvent, wrongStep } from './rotation-state';

/** How far before the start a credential's created_at may be and still be this rotation's (clock skew). */
const CREATED_SKEW_MS = 10 * 60_000;

/** Refuses to revoke an old key an app used after the switch, unless the user said "revoke anyway". */
function refuseUnacknowledgedUse(rotation: Rotation, acknowledgeRecentUse: boolean): void {
  const { old, watch } = rotation;
  if (watch?.usedAfterSwitch === true && !acknowledgeRecentUse) {
    throw new AppFailure({
      kind: 'conflict',
      message: `“${old.name}” was used at ${watch.oldLastUsedAt ?? '?'}, after the switch: an app still uses it and will fail once its tokens expire. Update that app, or confirm that you revoke it anyway.`,
    });
  }
}

/**
 * (f) Revokes the old credential after a fresh look at its last_used_at. A use after the switch
 * means an app still holds the old key: refused unless the user acknowledges it. In production
 * the person confirms first, in main's own window ("revoke anyway" carries the warning).
 */
export async function revokeOldStep(
  ctx: RotationContext,
  rotation: Rotation,
  acknowledgeRecentUse: boolean,
): Promise<Rotation> {
  const { environmentId, old } = rotation;
  if (rotation.step !== 'watching') throw wrongStep(rotation, 'revoking the old credential');
  const environment = ctx.environmentStore.get(environmentId);
  if (environment.activeClientId === old.clientId) {
    throw new AppFailure({
      kind: 'conflict',
      message: `The environment uses “${old.name}” again: switch it to “${rotation.replacement.name}” before revoking the old one.`,
    });
  }
  // A use already seen stays seen (last_used_at only moves forward): refuse before asking.
  refuseUnacknowledgedUse(rotation, acknowledgeRecentUse);
  await confirmInProduction(ctx.confirm, environment, () =>
    revokeOldRequest(environment, rotation, acknowledgeRecentUse),
  );
  const polled = await ctx.poll(rotation);
  ctx.changed(polled, false);
  const watch = polled.watch;
  const inUse = watch?.usedAfterSwitch === true;
  refuseUnacknowledgedUse(polled, acknowledgeRecentUse);
  let tokensValidUntil = ctx.now() + MAX_TOKEN_LIFETIME_MS;
  if (watch?.oldStatus === 'active') {
    try {
      ({ tokensValidUntil } = await ctx.credentials.revoke(environmentId, old.clientId));
    } catch (error) {
      // A revoke whose answer was lost before a crash: the credential is already revoked.
      if (!isAlreadyRevoked(error)) throw error;
    }
  }
  const next = await ctx.advance(polled, {
    type: 'revoked',
    at: ctx.now(),
    tokensValidUntil,
    despiteUse: inUse,
  });
  ctx.changed(next, false);
  return next;
}

/** (g) Writes the summary to the audit log exactly once, then closes the rotation. */
export async function finishStep(ctx: RotationContext, rotation: Rotation): Promise<Rotation> {
  const { environmentId } = rotation;
  const done = applyRotationEvent(rotation, { type: 'finished', at: ctx.now() });
  const key = rotation.replacement.idempotencyKey;
  const logged = (await ctx.auditLog.list({ environmentId })).some(
    (entry) => entry.action === 'rotation.done' && entry.idempotencyKey === key,
  );
  // Once, even when the app died between this write and the save below.
  if (!logged) {
    await ctx.auditRecorder.record({
      environmentId,
      action: 'rotation.done',
      clientId: rotation.newClientId ?? undefined,
      idempotencyKey: key,
      outcome: rotationSummary(done),
    });
  }
  await ctx.store.save(done);
  ctx.changed(done, true);
  return done;
}

/** Credentials a create of this rotation may have made when its answer was lost. */
async function orphansOf(ctx: RotationContext, rotation: Rotation) {
  return (await ctx.credentials.list(rotation.environmentId)).filter(
    (credential) =>
      credential.status === 'active' &&
      credential.name === rotation.replacement.name &&
      Date.parse(credential.createdAt) >= rotation.startedAt - CREATED_SKEW_MS,
  );
}

/**
 * Cancel before any credential was captured: finds what a lost create may have made. Revoking it
 * asks in production once the list named it (that read is the only request sent before asking).
 */
async function cancelUncaptured(
  ctx: RotationContext,
  rotation: Rotation,
  revokeNew: boolean,
): Promise<{ readonly note: string; readonly revokedNew: boolean }> {
  const { old, replacement } = rotation;
  const orphans =
    rotation.createAttempts === 0 ? [] : await orphansOf(ctx, rotation).catch(() => null);
  if (orphans === null) return { note: rotationFacts(rotation, null).summary, revokedNew: false };
  // DCR: a registration whose answer was lost stays listed until the person checks the server.
  const unknown = (await ctx.credentials.pending(rotation.environmentId).catch(() => [])).find(
    (entry) => entry.id === replacement.idempotencyKey,
  );
  if (orphans.length === 0 && unknown !== undefined) {
    return {
      note: `The registration of “${replacement.name}” was sent but its answer was lost: the server may have registered it. Check its console for a client named “${replacement.name}”; Credentials lists it as a pending registration until you dismiss it. “${old.name}” is unchanged.`,
      revokedNew: false,
    };
  }
  if (orphans.length === 0) {
    return {
      note: `No credential named “${replacement.name}” was created. “${old.name}” is unchanged.`,
      revokedNew: false,
    };
  }
  const clientIds = orphans.map((orphan) => orphan.clientId);
  const ids = clientIds.join(', ');
  if (!revokeNew) {
    return {
      note: `“${replacement.name}” (${ids}) was created by this rotation but its secret was never stored; it is still active: revoke it from the Credentials tab. “${old.name}” is unchanged.`,
      revokedNew: false,
    };
  }
  const environment = ctx.environmentStore.get(rotation.environmentId);
  await confirmInProduction(ctx.confirm, environment, () =>
    cancelRevokeNewRequest(environment, rotation, clientIds, false),
  );
  for (const orphan of orphans) await ctx.revokeQuietly(rotation.environmentId, orphan.clientId);
  return {
    note: `Revoked ${ids}, created by this rotation without its secret being stored. “${old.name}” is unchanged.`,
    revokedNew: true,
  };
}

/**
 * Cancel after capture with "revoke the new one": asks in production, switches the environment
 * back if needed, then revokes.
 */
async function revokeCaptured(
  ctx: RotationContext,
  rotation: Rotation,
  newClientId: string,
): Promise<{ readonly rotation: Rotation; readonly note: string }> {
  const { environmentId, old, replacement } = rotation;
  if (rotation.revokedAt !== null) {
    throw new AppFailure({
      kind: 'conflict',
      message: `“${old.name}” is already revoked: “${replacement.name}” is the only credential left, so it stays.`,
    });
  }
  const environment = ctx.environmentStore.get(environmentId);
  const switchBack = environment.activeClientId === newClientId;
  // A private_key_jwt client holds a key, not a secret (switching back checks that key).
  const withKey = environment.clientAuth === 'private_key_jwt';
  if (switchBack && !withKey && !(await ctx.secrets.has(environmentId, old.clientId))) {
    throw new AppFailure({
      kind: 'conflict',
      message: `The keychain no longer holds the secret of “${old.name}”, so the environment cannot switch back to it: the new credential is kept.`,
    });
  }
  await confirmInProduction(ctx.confirm, environment, () =>
    cancelRevokeNewRequest(environment, rotation, [newClientId], switchBack),
  );
  if (switchBack) await ctx.environments.setActiveCredential(environmentId, old.clientId);
  let current = rotation;
  if (['switched', 'handed-over', 'watching'].includes(rotation.step)) {
    // Saved before the revoke: if that fails, the state says truthfully "verified, not in use".
    current = await ctx.advance(rotation, { type: 'switched-back', at: ctx.now() });
  }
  await ctx.revokeQuietly(environmentId, newClientId);
  return {
    rotation: current,
    note:
      `Revoked the new credential “${replacement.name}” (${newClientId}). “${old.name}” is still active` +
      (switchBack ? ' and the environment uses it again.' : '.'),
  };
}

/** Stops a rotation at any step, optionally revoking the new credential, and says what exists. */
export async function cancelStep(
  ctx: RotationContext,
  rotation: Rotation,
  revokeNew: boolean,
): Promise<Rotation> {
  const { environmentId } = rotation;
  // Refuse early (and without side effects) when the rotation can no longer be cancelled.
  applyRotationEvent(rotation, { type: 'cancelled', at: ctx.now(), revokedNew: false, note: '' });
  let current = rotation;
  let note: string;
  let revokedNew = false;
  if (rotation.newClientId === null) {
    ({ note, revokedNew } = await cancelUncaptured(ctx, rotation, revokeNew));
  } else if (revokeNew) {
    ({ rotation: current, note } = await revokeCaptured(ctx, rotation, rotation.newClientId));
    revokedNew = true;
  } else {
    note = rotationFacts(rotation, ctx.environmentStore.get(environmentId).activeClientId).summary;
  }
  const next = await ctx.advance(current, { type: 'cancelled', at: ctx.now(), revokedNew, note });
  await ctx.auditRecorder.record({
    environmentId,
    action: 'rotation.cancel',
    clientId: rotation.newClientId ?? rotation.old.clientId,
    idempotencyKey: rotation.replacement.idempotencyKey,
    outcome: note,
  });
  ctx.changed(next, true);
  return next;
}
