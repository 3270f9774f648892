import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { EnvironmentView } from '../../lib/domain';
import { useEnvironments } from './environments-store';
import { SafeText } from '../../components/safe-text';

/**
 * Asks before removing an environment and its keychain entries, outside production (production
 * is confirmed by main, in its own window, with the name typed there: see the banner).
 */
export function RemoveEnvironmentDialog({
  environment,
  onClose,
}: {
  environment: EnvironmentView;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const removeEnvironment = useEnvironments((state) => state.remove);

  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await removeEnvironment(environment.id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onClose();
  };

  return (
    <ConfirmDialog
      title={`Remove ${environment.name}?`}
      confirmLabel="Remove environment"
      busy={busy}
      error={error}
      onConfirm={() => void remove()}
      onCancel={onClose}
    >
      <p>
        Keysmith forgets{' '}
        <strong>
          <SafeText text={environment.name} />
        </strong>{' '}
        (<SafeText text={environment.baseUrl} />) and{' '}
        <strong>deletes its client secrets from the OS keychain</strong>. If the keychain holds the
        only copy of a secret, it is gone for good.
      </p>
      <p>
        The credentials themselves stay valid on the server: revoke them first if they should stop
        working.
      </p>
    </ConfirmDialog>
  );
}
