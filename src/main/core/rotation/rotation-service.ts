import type { CopyOutcome } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { isRotationPending, type Rotation, type RotationCreated } from '../../../shared/rotation';
import type { SnippetFormat } from '../../../shared/rotation-snippets';
import { createRotationContext, type RotationDeps } from './rotation-context';
import { cancelStep, finishStep, revokeOldStep } from './rotation-ending';
import { copyHandOverSnippet } from './rotation-hand-over';
import { wrongStep } from './rotation-state';
import {
  createStep,
  handOverStep,
  pollStep,
  startStep,
  switchStep,
  verifyStep,
  type RotationStart,
} from './rotation-steps';

/** The rotation wizard's use cases: one persisted, resumable rotation per environment. */
export interface RotationService {
  /** The environment's rotation (in progress, or the last finished or cancelled one), or null. */
  get(environmentId: string): Rotation | null;
  /** Whether the environment has a rotation that still needs the user (for the environment list). */
  isPending(environmentId: string): boolean;
  /** Starts a rotation; a second one in the same environment is a `conflict`. */
  start(environmentId: string, input: RotationStart): Promise<Rotation>;
  /** (a) Creates the replacement with the saved Idempotency-Key and captures its secret in the keychain. */
  create(environmentId: string, rotationId: string): Promise<RotationCreated>;
  /** (b) Exchanges a token with the new credential at the environment's token URL. */
  verify(environmentId: string, rotationId: string): Promise<Rotation>;
  /** (c) Makes the new credential the one the environment uses. */
  switchOver(environmentId: string, rotationId: string): Promise<Rotation>;
  /** (d) Records that the user handed the new credential over to their apps. */
  handOver(environmentId: string, rotationId: string): Promise<Rotation>;
  /** (e) Reads the old credential's last_used_at. */
  pollUsage(environmentId: string, rotationId: string): Promise<Rotation>;
  /** (f) Revokes the old credential; refused while it was used after the switch, unless acknowledged. */
  revokeOld(
    environmentId: string,
    rotationId: string,
    acknowledgeRecentUse: boolean,
  ): Promise<Rotation>;
  /** (g) Writes the summary to the audit log and closes the rotation. */
  finish(environmentId: string, rotationId: string): Promise<Rotation>;
  /** Stops the rotation, optionally revoking the new credential, and says what exists. */
  cancel(environmentId: string, rotationId: string, revokeNew: boolean): Promise<Rotation>;
  /** Forgets a finished or cancelled rotation, so a new one can start from a clean wizard. */
  dismiss(environmentId: string, rotationId: string): Promise<null>;
  /** Copies the new credential's hand-over snippet; with the secret, cleared after 30 s. */
  copySnippet(
    environmentId: string,
    rotationId: string,
    format: SnippetFormat,
    withSecret: boolean,
  ): Promise<CopyOutcome>;
}

/** Builds the rotation service; operations on one environment run one at a time. */
export function createRotationService(deps: RotationDeps): RotationService {
  const ctx = createRotationContext(deps);
  const locks = new Map<string, Promise<unknown>>();

  /** Runs one operation of an environment after the previous one settled (a double click waits). */
  const exclusive = <T>(environmentId: string, operation: () => Promise<T>): Promise<T> => {
    const result = (locks.get(environmentId) ?? Promise.resolve()).then(operation, operation);
    locks.set(
      environmentId,
      result.catch(() => undefined),
    );
    return result;
  };

  /** The environment's rotation, when it is still the one the caller means. */
  const current = (environmentId: string, rotationId: string): Rotation => {
    const rotation = deps.store.get(environmentId);
    if (rotation === null || rotation.id !== rotationId) {
      throw new AppFailure({
        kind: 'not-found',
        message:
          'This rotation is no longer the current one of the environment: reload the wizard.',
      });
    }
    return rotation;
  };

  /** Runs a step on the current rotation, exclusively. */
  const step =
    <A extends unknown[], T>(run: (rotation: Rotation, ...args: A) => Promise<T>) =>
    (environmentId: string, rotationId: string, ...args: A): Promise<T> =>
      exclusive(environmentId, () => run(current(environmentId, rotationId), ...args));

  return {
    get: (environmentId) => deps.store.get(environmentId),
    isPending: (environmentId) => deps.store.pending(environmentId),
    start: (environmentId, input) =>
      exclusive(environmentId, () => startStep(ctx, environmentId, input)),
    create: step((rotation) => createStep(ctx, rotation)),
    verify: step((rotation) => verifyStep(ctx, rotation)),
    switchOver: step((rotation) => switchStep(ctx, rotation)),
    handOver: step((rotation) => handOverStep(ctx, rotation)),
    pollUsage: step((rotation) => pollStep(ctx, rotation)),
    revokeOld: step((rotation, acknowledge: boolean) => revokeOldStep(ctx, rotation, acknowledge)),
    finish: step((rotation) => finishStep(ctx, rotation)),
    cancel: step((rotation, revokeNew: boolean) => cancelStep(ctx, rotation, revokeNew)),
    dismiss: step(async (rotation) => {
      if (isRotationPending(rotation)) throw wrongStep(rotation, 'dismissing it');
      await deps.store.remove(rotation.environmentId);
      deps.events.emit('rotation:changed', { environmentId: rotation.environmentId, step: null });
      return null;
    }),
    copySnippet: (environmentId, rotationId, format, withSecret) =>
      copyHandOverSnippet(ctx, { environmentId, rotationId }, format, withSecret),
  };
}
