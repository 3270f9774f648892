import type { CapturedCredential } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { isRotationPending, type Rotation } from '../../../shared/rotation';
import { rotationCreateRequest } from '../confirm/confirm-requests';
import { confirmInProduction } from '../confirm/production-guard';
import { exchangeClientCredentials } from '../tokens/oauth';
import { environmentTokenRequest } from '../tokens/token-request';
import type { RotationContext } from './rotation-context';
import { decodeForDisplay } from './rotation-report';
import { startRotation, wrongStep } from './rotation-state';
import { tokenUrlOf } from '../../../shared/environment';
import { CREDENTIAL_BACKEND_TRAITS } from '../../../shared/credential-backends';

/** What starting a rotation takes: the credential to replace and the replacement's name and expiry. */
export interface RotationStart {
  readonly oldClientId: string;
  readonly name: string;
  readonly expiresAt: string | null;
}

/** Starts a rotation: checks the old credential, then saves the plan with its Idempotency-Key. */
export async function startStep(
  ctx: RotationContext,
  environmentId: string,
  input: RotationStart,
): Promise<Rotation> {
  const existing = ctx.store.get(environmentId);
  const environment = ctx.environmentStore.get(environmentId);
  if (isRotationPending(existing)) {
    throw new AppFailure({
      kind: 'conflict',
      message: `A rotation of “${existing?.old.name}” is already in progress in “${environment.name}”: finish or cancel it before starting another.`,
    });
  }
  if (
    input.expiresAt !== null &&
    !CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].takesExpiry
  ) {
    const detail =
      'The server decides when a registered client’s secret expires: leave the expiry empty.';
    throw new AppFailure({
      kind: 'validation',
      message: detail,
      errors: [{ param: 'expiresAt', detail }],
    });
  }
  const old = (await ctx.credentials.list(environmentId)).find(
    (credential) => credential.clientId === input.oldClientId,
  );
  if (old === undefined || old.status !== 'active') {
    throw new AppFailure({
      kind: 'validation',
      message: `${input.oldClientId} is not an active credential of “${environment.name}”: only an active credential can be rotated.`,
      errors: [{ param: 'oldClientId', detail: 'Not an active credential.' }],
    });
  }
  const rotation = startRotation({
    id: ctx.newId(),
    environmentId,
    old: { clientId: old.clientId, name: old.name, expiresAt: old.expiresAt },
    replacement: { name: input.name, expiresAt: input.expiresAt, idempotencyKey: ctx.newId() },
    at: ctx.now(),
  });
  // The Idempotency-Key is on disk before any create is sent.
  await ctx.store.save(rotation);
  await ctx.auditRecorder.record({
    environmentId,
    action: 'rotation.start',
    clientId: old.clientId,
    idempotencyKey: rotation.replacement.idempotencyKey,
    outcome: `replacing “${old.name}” with “${input.name}”`,
  });
  ctx.changed(rotation, true);
  return rotation;
}

/**
 * (a) Asks in production, counts the try on disk, then creates with the saved key: a retry or a
 * resume replays, never doubles.
 */
export async function createStep(
  ctx: RotationContext,
  rotation: Rotation,
): Promise<{ readonly rotation: Rotation; readonly captured: CapturedCredential }> {
  if (rotation.step !== 'creating') throw wrongStep(rotation, 'creating the replacement');
  const environment = ctx.environmentStore.get(rotation.environmentId);
  await confirmInProduction(ctx.confirm, environment, () =>
    rotationCreateRequest(environment, rotation),
  );
  const sending = await ctx.advance(rotation, { type: 'create-attempted', at: ctx.now() });
  const { name, expiresAt, idempotencyKey } = sending.replacement;
  let captured: CapturedCredential;
  try {
    captured = await ctx.credentials.create(
      rotation.environmentId,
      { name, expiresAt },
      { idempotencyKey },
    );
  } finally {
    ctx.changed(sending, false);
  }
  const next = await ctx.advance(sending, {
    type: 'captured',
    at: ctx.now(),
    clientId: captured.credential.clientId,
    replayed: captured.replayed,
  });
  ctx.changed(next, false);
  return { rotation: next, captured };
}

/** (b) Exchanges a token with the new credential, read back from the keychain, at the token URL. */
export async function verifyStep(ctx: RotationContext, rotation: Rotation): Promise<Rotation> {
  const { environmentId, newClientId: clientId } = rotation;
  if (clientId === null || (rotation.step !== 'captured' && rotation.step !== 'verified')) {
    throw wrongStep(rotation, 'verifying the new credential');
  }
  const environment = ctx.environmentStore.get(environmentId);
  // A private_key_jwt client holds a key, not a secret: signing its assertion says if it is there.
  const withKey = environment.clientAuth === 'private_key_jwt';
  if (!withKey && !(await ctx.secrets.has(environmentId, clientId))) {
    throw new AppFailure({
      kind: 'keychain',
      reason: 'not-found',
      message: `The keychain no longer holds the secret of ${clientId}. Cancel this rotation (revoking the new credential) and start again.`,
    });
  }
  const tokenUrl = tokenUrlOf(environment);
  const request = await environmentTokenRequest(environment, clientId, ctx);
  const token = await exchangeClientCredentials({ ...request, fetch: ctx.fetch, now: ctx.now });
  ctx.tokens.prime(environmentId, clientId, token);
  const at = ctx.now();
  const next = await ctx.advance(rotation, {
    type: 'verified',
    at,
    verification: {
      at,
      tokenUrl,
      tokenExpiresAt: token.expiresAt,
      ...decodeForDisplay(token.accessToken),
    },
  });
  await ctx.auditRecorder.record({
    environmentId,
    action: 'rotation.verify',
    clientId,
    outcome: `token obtained at ${tokenUrl}`,
  });
  ctx.changed(next, false);
  return next;
}

/** (c) Makes the new credential the environment's own, when the environment used the old one. */
export async function switchStep(ctx: RotationContext, rotation: Rotation): Promise<Rotation> {
  const { environmentId, newClientId: clientId } = rotation;
  if (clientId === null || rotation.step !== 'verified') throw wrongStep(rotation, 'switching');
  const active = ctx.environmentStore.get(environmentId).activeClientId;
  const keysmithSwitched = active === rotation.old.clientId || active === clientId;
  const at = ctx.now();
  if (keysmithSwitched) await ctx.environments.setActiveCredential(environmentId, clientId);
  // Read with the new credential: a later last_used_at is someone else's use (no clock skew).
  const baseline = await ctx.credentials
    .read(environmentId, rotation.old.clientId)
    .then((old) => old?.lastUsedAt ?? null)
    .catch(() => null);
  const next = await ctx.advance(rotation, {
    type: 'switched',
    at,
    keysmithSwitched,
    baselineLastUsedAt: baseline,
  });
  ctx.changed(next, false);
  return next;
}

/** (d) Records that the user gave the new credential to their apps. */
export async function handOverStep(ctx: RotationContext, rotation: Rotation): Promise<Rotation> {
  const next = await ctx.advance(rotation, { type: 'handed-over', at: ctx.now() });
  await ctx.auditRecorder.record({
    environmentId: rotation.environmentId,
    action: 'rotation.hand-over',
    clientId: next.newClientId ?? undefined,
    outcome: 'new credential handed over to the apps',
  });
  ctx.changed(next, false);
  return next;
}

/** (e) Reads the old credential's last_used_at now. */
export async function pollStep(ctx: RotationContext, rotation: Rotation): Promise<Rotation> {
  if (rotation.step !== 'handed-over' && rotation.step !== 'watching') {
    throw wrongStep(rotation, 'checking the old key’s use');
  }
  const next = await ctx.poll(rotation);
  ctx.changed(next, false);
  return next;
}
