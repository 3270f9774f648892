import type { Rotation } from '@shared/rotation';
import type { EnvironmentView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { VerificationResult } from './step-verify';
import { useRotation } from './rotation-store';
import { SafeText, safeLabel } from '../../components/safe-text';

/** (c) Makes the new credential the one the environment uses (the old one keeps working meanwhile). */
export function StepSwitch({
  environment,
  rotation,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
}) {
  const { busy, stepError, run } = useRotation();
  const error =
    stepError?.action === 'rotation:switch' || stepError?.action === 'rotation:verify'
      ? stepError.error
      : null;
  const usesOld =
    environment.activeClientId === rotation.old.clientId ||
    environment.activeClientId === rotation.newClientId;
  return (
    <section className="rotation-step" aria-labelledby="step-switch-heading">
      <h3 id="step-switch-heading">
        Switch <SafeText text={environment.name} /> to the new credential
      </h3>
      <VerificationResult rotation={rotation} />
      {usesOld ? (
        <p>
          From now on Keysmith gets <SafeText text={environment.name} />
          &apos;s tokens with{' '}
          <strong>
            <SafeText text={rotation.replacement.name} />
          </strong>
          .{' '}
          <strong>
            <SafeText text={rotation.old.name} />
          </strong>{' '}
          keeps working until you revoke it, so nothing breaks while your apps move over.
        </p>
      ) : (
        <p>
          <SafeText text={environment.name} /> uses another credential than{' '}
          <strong>
            <SafeText text={rotation.old.name} />
          </strong>
          : Keysmith&apos;s own setting does not change. This marks the moment your apps start
          moving to the new credential.
        </p>
      )}
      {error && <ErrorView error={error} onRetry={() => void run('rotation:switch')} />}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          aria-busy={busy === 'rotation:verify'}
          onClick={() => void run('rotation:verify')}
        >
          Verify again
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          aria-busy={busy === 'rotation:switch'}
          onClick={() => void run('rotation:switch')}
        >
          {busy === 'rotation:switch'
            ? 'Switching…'
            : usesOld
              ? `Switch ${safeLabel(environment.name)} to the new credential`
              : 'Mark the switch'}
        </button>
      </div>
    </section>
  );
}
