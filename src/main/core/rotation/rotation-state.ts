import { AppFailure } from '../../../shared/errors';
import {
  ROTATION_STEPS,
  usedAfterSwitch,
  type Rotation,
  type RotationCredentialRef,
  type RotationPhase,
  type RotationReplacement,
  type RotationStep,
  type RotationVerification,
  type RotationWatch,
} from '../../../shared/rotation';

/** Something that happened to a rotation; `applyRotationEvent` turns it into the next state. */
export type RotationEvent =
  | { readonly type: 'create-attempted'; readonly at: number }
  | {
      readonly type: 'captured';
      readonly at: number;
      readonly clientId: string;
      readonly replayed: boolean;
    }
  | { readonly type: 'verified'; readonly at: number; readonly verification: RotationVerification }
  | {
      readonly type: 'switched';
      readonly at: number;
      readonly keysmithSwitched: boolean;
      readonly baselineLastUsedAt: string | null;
    }
  | { readonly type: 'switched-back'; readonly at: number }
  | { readonly type: 'handed-over'; readonly at: number }
  | {
      readonly type: 'polled';
      readonly at: number;
      readonly oldStatus: RotationWatch['oldStatus'];
      readonly oldLastUsedAt: string | null;
    }
  | {
      readonly type: 'revoked';
      readonly at: number;
      readonly tokensValidUntil: number;
      readonly despiteUse: boolean;
    }
  | { readonly type: 'finished'; readonly at: number }
  | {
      readonly type: 'cancelled';
      readonly at: number;
      readonly revokedNew: boolean;
      readonly note: string;
    };

/** The kind of a rotation event. */
export type RotationEventType = RotationEvent['type'];

/** Every step but the last: the phases a rotation can still be cancelled from. */
const PENDING: readonly RotationStep[] = ROTATION_STEPS.filter((step) => step !== 'done');

/** From which phases each event may happen: the whole transition table of the wizard. */
export const ROTATION_TRANSITIONS: Readonly<Record<RotationEventType, readonly RotationPhase[]>> = {
  'create-attempted': ['creating'],
  captured: ['creating'],
  verified: ['captured', 'verified'],
  switched: ['verified'],
  'switched-back': ['switched', 'handed-over', 'watching'],
  'handed-over': ['switched'],
  polled: ['handed-over', 'watching'],
  revoked: ['watching'],
  finished: ['revoked'],
  cancelled: PENDING,
};

/** What a new rotation needs: where, which credential it replaces, and the replacement planned. */
export interface RotationPlan {
  readonly id: string;
  readonly environmentId: string;
  readonly old: RotationCredentialRef;
  readonly replacement: RotationReplacement;
  readonly at: number;
}

/** A rotation at its first step: nothing sent yet, the Idempotency-Key already chosen. */
export function startRotation(plan: RotationPlan): Rotation {
  return {
    id: plan.id,
    environmentId: plan.environmentId,
    step: 'creating',
    startedAt: plan.at,
    updatedAt: plan.at,
    old: plan.old,
    replacement: plan.replacement,
    createAttempts: 0,
    newClientId: null,
    replayed: false,
    verification: null,
    switchedAt: null,
    keysmithSwitched: false,
    baselineLastUsedAt: null,
    handedOverAt: null,
    watch: null,
    revokedAt: null,
    tokensValidUntil: null,
    revokedDespiteUse: false,
    finishedAt: null,
    cancelled: null,
    history: [{ step: 'creating', at: plan.at }],
  };
}

/** Whether an event may happen in the rotation's current phase. */
export function canApply(rotation: Pick<Rotation, 'step'>, type: RotationEventType): boolean {
  return ROTATION_TRANSITIONS[type].includes(rotation.step);
}

/** The AppError for an action the rotation's current step does not allow. */
export function wrongStep(rotation: Pick<Rotation, 'step'>, action: string): AppFailure {
  return new AppFailure({
    kind: 'conflict',
    message:
      rotation.step === 'done' || rotation.step === 'cancelled'
        ? `This rotation is already ${rotation.step === 'done' ? 'finished' : 'cancelled'}: ${action} is no longer possible.`
        : `The rotation is at the “${rotation.step}” step: ${action} is not possible now. Reload the wizard.`,
  });
}

function moveTo(rotation: Rotation, step: RotationPhase, at: number): Rotation {
  const history = rotation.step === step ? rotation.history : [...rotation.history, { step, at }];
  return { ...rotation, step, updatedAt: at, history };
}

/** The next state of a rotation after an event; throws a `conflict` when the step forbids it. */
export function applyRotationEvent(rotation: Rotation, event: RotationEvent): Rotation {
  if (!canApply(rotation, event.type)) throw wrongStep(rotation, event.type);
  const { at } = event;
  switch (event.type) {
    case 'create-attempted':
      return { ...rotation, createAttempts: rotation.createAttempts + 1, updatedAt: at };
    case 'captured':
      return {
        ...moveTo(rotation, 'captured', at),
        newClientId: event.clientId,
        replayed: event.replayed,
      };
    case 'verified':
      return { ...moveTo(rotation, 'verified', at), verification: event.verification };
    case 'switched':
      return {
        ...moveTo(rotation, 'switched', at),
        switchedAt: at,
        keysmithSwitched: event.keysmithSwitched,
        baselineLastUsedAt: event.baselineLastUsedAt,
      };
    case 'switched-back':
      return {
        ...moveTo(rotation, 'verified', at),
        switchedAt: null,
        keysmithSwitched: false,
        baselineLastUsedAt: null,
        handedOverAt: null,
        watch: null,
      };
    case 'handed-over':
      return { ...moveTo(rotation, 'handed-over', at), handedOverAt: at };
    case 'polled':
      return {
        ...moveTo(rotation, 'watching', at),
        watch: {
          polls: (rotation.watch?.polls ?? 0) + 1,
          lastPolledAt: at,
          oldStatus: event.oldStatus,
          oldLastUsedAt: event.oldLastUsedAt,
          usedAfterSwitch: usedAfterSwitch(event.oldLastUsedAt, rotation),
        },
      };
    case 'revoked':
      return {
        ...moveTo(rotation, 'revoked', at),
        revokedAt: at,
        tokensValidUntil: event.tokensValidUntil,
        revokedDespiteUse: event.despiteUse,
      };
    case 'finished':
      return { ...moveTo(rotation, 'done', at), finishedAt: at };
    case 'cancelled':
      return {
        ...moveTo(rotation, 'cancelled', at),
        cancelled: {
          at,
          fromStep: rotation.step as RotationStep,
          revokedNew: event.revokedNew,
          note: event.note,
        },
      };
  }
}
