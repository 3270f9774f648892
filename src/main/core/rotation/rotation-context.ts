import { randomUUID } from 'node:crypto';
import { toAppError } from '../../../shared/errors';
import type { Rotation } from '../../../shared/rotation';
import type { AuditLog } from '../audit/audit-log';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import type { ConfirmPort } from '../confirm/confirm-port';
import type { CredentialsService } from '../credentials/credentials-service';
import type { EnvironmentsService } from '../environments/environments-service';
import type { EventBus } from '../event-bus';
import type { EnvironmentStore } from '../environments/environment-store';
import { applyRotationEvent, type RotationEvent } from './rotation-state';
import type { RotationStore } from './rotation-store';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { ClientKeys } from '../tokens/client-keys';
import type { TokenService } from '../tokens/token-service';

/** What the rotation service is built over. */
export interface RotationDeps {
  readonly store: RotationStore;
  readonly environmentStore: Pick<EnvironmentStore, 'get'>;
  /** Asks the person before a production create, revoke of the old key or revoke on cancel. */
  readonly confirm: ConfirmPort;
  /** Secrets as they may be sent: only while bound to the environment's endpoint and kind. */
  readonly secrets: Pick<BoundSecrets, 'sendable' | 'sendableHeaders' | 'has'>;
  /** Signs private_key_jwt assertions for the environment's token endpoint. */
  readonly clientKeys: Pick<ClientKeys, 'assertion'>;
  /** The credential use cases underneath their guard: each step asks the person itself, once. */
  readonly credentials: Pick<
    CredentialsService,
    'list' | 'read' | 'create' | 'revoke' | 'secretOf' | 'pending'
  >;
  readonly environments: Pick<EnvironmentsService, 'setActiveCredential'>;
  readonly tokens: Pick<TokenService, 'prime'>;
  readonly auditRecorder: AuditRecorder;
  readonly auditLog: Pick<AuditLog, 'list'>;
  readonly events: EventBus;
  /** Where hand-over snippets are copied. */
  readonly clipboard: Pick<ClipboardGuard, 'copyText' | 'copySecret'>;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly newId?: () => string;
}

/** The dependencies plus the helpers every step shares. */
export interface RotationContext extends RotationDeps {
  readonly newId: () => string;
  /** Applies an event and saves the result before returning it: disk never lags behind. */
  advance(rotation: Rotation, event: RotationEvent): Promise<Rotation>;
  /** Reads the old credential at the server and records what it says (moves to "watching"). */
  poll(rotation: Rotation): Promise<Rotation>;
  /** Tells the renderer the rotation changed (and the environment list, when pending-ness did). */
  changed(rotation: Rotation, pendingChanged: boolean): void;
  /** Revokes a credential; one already revoked (a lost answer before a crash) counts as done. */
  revokeQuietly(environmentId: string, clientId: string): Promise<void>;
}

/** Whether an error is the API's 409 "already revoked". */
export function isAlreadyRevoked(error: unknown): boolean {
  const appError = toAppError(error);
  return appError.kind === 'problem' && appError.problem.status === 409;
}

/** Builds the shared helpers over the dependencies. */
export function createRotationContext(deps: RotationDeps): RotationContext {
  const advance = async (rotation: Rotation, event: RotationEvent): Promise<Rotation> => {
    const next = applyRotationEvent(rotation, event);
    await deps.store.save(next);
    return next;
  };
  return {
    ...deps,
    newId: deps.newId ?? randomUUID,
    advance,
    async poll(rotation) {
      const found = await deps.credentials.read(rotation.environmentId, rotation.old.clientId);
      return advance(rotation, {
        type: 'polled',
        at: deps.now(),
        oldStatus: found?.status ?? 'missing',
        oldLastUsedAt: found?.lastUsedAt ?? null,
      });
    },
    changed(rotation, pendingChanged) {
      deps.events.emit('rotation:changed', {
        environmentId: rotation.environmentId,
        step: rotation.step,
      });
      if (pendingChanged) deps.events.emit('environments:updated', { reason: 'rotation' });
    },
    async revokeQuietly(environmentId, clientId) {
      try {
        await deps.credentials.revoke(environmentId, clientId);
      } catch (error) {
        if (!isAlreadyRevoked(error)) throw error;
      }
    },
  };
}
