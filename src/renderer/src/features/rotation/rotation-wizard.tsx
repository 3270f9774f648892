import { useState } from 'react';
import { isRotationPending, type Rotation } from '@shared/rotation';
import { CaptureDialog } from '../credentials/capture-dialog';
import { useCredentials } from '../credentials/credentials-store';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime } from '../../lib/format';
import { ErrorView } from '../../components/error-view';
import { CancelRotationDialog } from './cancel-rotation-dialog';
import { wizardStepOf } from './rotation-model';
import { RotationStepper } from './rotation-stepper';
import { useRotation } from './rotation-store';
import { StepCreate, type Capture } from './step-create';
import { StepHandOver } from './step-hand-over';
import { StepRevoke } from './step-revoke';
import { StepSummary } from './step-summary';
import { StepSwitch } from './step-switch';
import { StepVerify } from './step-verify';
import { StepWatch } from './step-watch';
import { SafeText } from '../../components/safe-text';

/** A cancelled rotation: what it left behind, and a way to start afresh. */
function Cancelled({ rotation }: { rotation: Rotation }) {
  const { busy, stepError, dismiss } = useRotation();
  return (
    <section className="rotation-step" aria-labelledby="cancelled-heading">
      <h3 id="cancelled-heading">Rotation cancelled</h3>
      <p className="callout callout-warning" role="status">
        Cancelled at {formatDateTime(rotation.cancelled?.at ?? null)}. {rotation.cancelled?.note}
      </p>
      {stepError?.action === 'dismiss' && <ErrorView error={stepError.error} />}
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        onClick={() => void dismiss()}
      >
        Start a new rotation
      </button>
    </section>
  );
}

/** The wizard of one rotation: the stepper, the current step, cancel, and the one-time capture. */
export function RotationWizard({
  environment,
  rotation,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
}) {
  const { busy, stepError } = useRotation();
  const refreshCredentials = useCredentials((state) => state.refresh);
  const [revoking, setRevoking] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // The new secret lives here, outside the steps, until the capture dialog is confirmed.
  const [capture, setCapture] = useState<Capture | null>(null);
  const step = wizardStepOf(rotation.step, revoking);
  const failed = stepError !== null && stepError.action !== 'cancel';
  const props = { environment, rotation };

  return (
    <div className="rotation-wizard">
      <header className="rotation-header">
        <p>
          Replacing{' '}
          <strong>
            <SafeText text={rotation.old.name} />
          </strong>{' '}
          with{' '}
          <strong>
            <SafeText text={rotation.replacement.name} />
          </strong>{' '}
          in <SafeText text={environment.name} /> · started {formatDateTime(rotation.startedAt)}
        </p>
        {isRotationPending(rotation) && (
          <button
            type="button"
            className="button button-danger-quiet"
            disabled={busy !== null}
            onClick={() => setCancelling(true)}
          >
            Cancel rotation
          </button>
        )}
      </header>
      <RotationStepper rotation={rotation} revoking={revoking} failed={failed} />
      {rotation.step === 'cancelled' ? (
        <Cancelled rotation={rotation} />
      ) : step === 'create' ? (
        <StepCreate {...props} onCaptured={setCapture} />
      ) : step === 'verify' ? (
        <StepVerify {...props} />
      ) : step === 'switch' ? (
        <StepSwitch {...props} />
      ) : step === 'hand-over' ? (
        <StepHandOver {...props} />
      ) : step === 'watch' ? (
        <StepWatch
          {...props}
          acknowledged={acknowledged}
          onAcknowledge={setAcknowledged}
          onContinue={() => setRevoking(true)}
        />
      ) : step === 'revoke' ? (
        <StepRevoke {...props} acknowledged={acknowledged} onBack={() => setRevoking(false)} />
      ) : (
        <StepSummary {...props} />
      )}
      {cancelling && <CancelRotationDialog {...props} onClose={() => setCancelling(false)} />}
      {capture && (
        <CaptureDialog
          environment={environment}
          credential={capture.credential}
          secret={capture.secret}
          replayed={capture.replayed}
          offerMakeActive={false}
          onDone={() => {
            setCapture(null);
            void refreshCredentials();
          }}
        />
      )}
    </div>
  );
}
