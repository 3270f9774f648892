import type { Rotation, RotationPhase } from '@shared/rotation';

/** The wizard's visible steps, (a) to (g). */
export const WIZARD_STEPS = [
  { id: 'create', label: 'Create', hint: 'New credential, secret captured in the keychain' },
  { id: 'verify', label: 'Verify', hint: 'A token with the new credential' },
  { id: 'switch', label: 'Switch', hint: 'The environment uses the new credential' },
  { id: 'hand-over', label: 'Hand over', hint: 'Your apps get the new credential' },
  { id: 'watch', label: 'Watch', hint: 'Traffic leaves the old key' },
  { id: 'revoke', label: 'Revoke', hint: 'The old key stops working' },
  { id: 'summary', label: 'Summary', hint: 'Written to the audit log' },
] as const;

/** The id of a visible wizard step. */
export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];

/** The visible step a saved phase shows (the revoke step opens from the watch step). */
export function wizardStepOf(step: RotationPhase, revoking: boolean): WizardStepId {
  switch (step) {
    case 'creating':
      return 'create';
    case 'captured':
      return 'verify';
    case 'verified':
      return 'switch';
    case 'switched':
      return 'hand-over';
    case 'handed-over':
    case 'watching':
      return revoking ? 'revoke' : 'watch';
    case 'revoked':
    case 'done':
    case 'cancelled':
      return 'summary';
  }
}

/** Done, current (possibly failed) or still to come, for each visible step. */
export function stepStates(
  rotation: Rotation,
  revoking: boolean,
  failed: boolean,
): Record<WizardStepId, 'done' | 'current' | 'failed' | 'upcoming' | 'skipped'> {
  const current = WIZARD_STEPS.findIndex((s) => s.id === wizardStepOf(rotation.step, revoking));
  const out = {} as Record<WizardStepId, 'done' | 'current' | 'failed' | 'upcoming' | 'skipped'>;
  WIZARD_STEPS.forEach((s, index) => {
    if (rotation.step === 'cancelled') {
      const stoppedAt = WIZARD_STEPS.findIndex(
        (w) => w.id === wizardStepOf(rotation.cancelled?.fromStep ?? 'creating', false),
      );
      out[s.id] = index < stoppedAt ? 'done' : 'skipped';
      return;
    }
    if (rotation.step === 'done') out[s.id] = 'done';
    else if (index < current) out[s.id] = 'done';
    else if (index === current) out[s.id] = failed ? 'failed' : 'current';
    else out[s.id] = 'upcoming';
  });
  return out;
}
