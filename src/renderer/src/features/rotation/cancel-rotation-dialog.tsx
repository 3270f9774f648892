import { rotationFacts, type Rotation } from '@shared/rotation';
import { Dialog } from '../../components/dialog';
import type { EnvironmentView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { useRotation } from './rotation-store';

/**
 * Cancelling says what exists at this point ("the new credential exists and is stored…") and
 * offers to revoke it; in production main confirms that revoke in its own window.
 */
export function CancelRotationDialog({
  environment,
  rotation,
  onClose,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
  onClose: () => void;
}) {
  const { busy, stepError, cancel } = useRotation();
  const facts = rotationFacts(rotation, environment.activeClientId);
  const error = stepError?.action === 'cancel' ? stepError.error : null;
  const production = environment.kind === 'production';

  const stop = async (revokeNew: boolean) => {
    if (await cancel(revokeNew)) onClose();
  };

  return (
    <Dialog
      title="Cancel this rotation?"
      role="alertdialog"
      tone="danger"
      size="medium"
      onClose={busy === null ? onClose : undefined}
      actions={
        <>
          <button type="button" className="button" disabled={busy !== null} onClick={onClose}>
            Keep rotating
          </button>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void stop(false)}
          >
            {facts.newCredential === 'none'
              ? 'Cancel the rotation'
              : 'Cancel, keep the new credential'}
          </button>
          {facts.canRevokeNew && (
            <button
              type="button"
              className="button button-danger"
              disabled={busy !== null}
              aria-busy={busy === 'cancel'}
              onClick={() => void stop(true)}
            >
              {facts.newCredential === 'maybe'
                ? 'Cancel and revoke it if it was created'
                : 'Cancel and revoke the new credential'}
            </button>
          )}
        </>
      }
    >
      <p data-testid="rotation-facts">{facts.summary}</p>
      {facts.canRevokeNew && (
        <p>
          <strong>Revoke it?</strong> Nothing uses it yet unless you already handed it over to your
          apps.
        </p>
      )}
      {production && facts.canRevokeNew && (
        <p className="muted small">
          Production: revoking it is confirmed in Keysmith’s own window, where you type the last 6
          characters of its client_id.
        </p>
      )}
      {error && <ErrorView error={error} compact />}
    </Dialog>
  );
}
