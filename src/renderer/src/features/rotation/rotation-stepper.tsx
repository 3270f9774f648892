import type { Rotation } from '@shared/rotation';
import { CheckIcon } from '../../components/icons';
import { stepStates, WIZARD_STEPS } from './rotation-model';

const STATE_TEXT = {
  done: 'done',
  current: 'current step',
  failed: 'failed: see the error below',
  upcoming: 'to do',
  skipped: 'not done',
} as const;

/** Where the rotation stands: every step with its state; the current one is `aria-current="step"`. */
export function RotationStepper({
  rotation,
  revoking,
  failed,
}: {
  rotation: Rotation;
  revoking: boolean;
  failed: boolean;
}) {
  const states = stepStates(rotation, revoking, failed);
  return (
    <ol className="stepper" aria-label="Rotation steps">
      {WIZARD_STEPS.map((step, index) => {
        const state = states[step.id];
        return (
          <li
            key={step.id}
            className={`stepper-item stepper-${state}`}
            aria-current={state === 'current' || state === 'failed' ? 'step' : undefined}
          >
            <span className="stepper-mark" aria-hidden="true">
              {state === 'done' ? <CheckIcon /> : state === 'failed' ? '!' : index + 1}
            </span>
            <span className="stepper-text">
              <span className="stepper-label">{step.label}</span>
              <span className="stepper-hint">{step.hint}</span>
              <span className="visually-hidden">: {STATE_TEXT[state]}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
