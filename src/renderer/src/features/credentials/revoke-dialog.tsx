import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { formatClock, lastChars } from '../../lib/format';
import { revokeFailure, useCredentials } from './credentials-store';

/** Confirms and performs a revoke; production needs a typed name or client_id tail, the in-use credential a warning first. */
export function RevokeDialog({
  environment,
  credential,
  onClose,
  onRevoked,
}: {
  environment: EnvironmentView;
  credential: CredentialView;
  onClose: () => void;
  onRevoked: (message: string) => void;
}) {
  const [step, setStep] = useState<'warn-in-use' | 'confirm'>(
    credential.inUse ? 'warn-in-use' : 'confirm',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const revokeCredential = useCredentials((state) => state.revoke);
  const refresh = useCredentials((state) => state.refresh);
  const production = environment.kind === 'production';

  const revoke = async () => {
    setBusy(true);
    setError(null);
    const result = await revokeCredential(environment.id, credential);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const until = Date.parse(String(result.value.tokensValidUntil));
    onRevoked(
      `Revoked ${credential.name}. Tokens already issued stay valid until ${
        Number.isFinite(until) ? formatClock(until) : 'they expire (up to an hour)'
      }.`,
    );
    void refresh();
    onClose();
  };

  if (step === 'warn-in-use') {
    return (
      <Dialog
        title="This is the credential the environment uses"
        role="alertdialog"
        tone="danger"
        size="small"
        onClose={onClose}
        actions={
          <>
            <button type="button" className="button" onClick={onClose}>
              Keep it
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => setStep('confirm')}
            >
              I understand, continue
            </button>
          </>
        }
      >
        <div className="callout callout-danger">
          <p>
            <strong>{environment.name}</strong> gets its tokens with{' '}
            <strong>{credential.name}</strong>. Once it is revoked, Keysmith — and every app
            configured with this client_id — can no longer obtain new tokens. Requests start failing
            within the hour, when the current tokens expire.
          </p>
          <p>
            To replace a credential without downtime, use <strong>Rotation</strong> instead: create
            the new one, move your apps over, then revoke the old one.
          </p>
        </div>
      </Dialog>
    );
  }

  const failure = error ? revokeFailure(error) : null;
  return (
    <ConfirmDialog
      title={`Revoke ${credential.name}?`}
      confirmLabel="Revoke credential"
      busy={busy}
      error={error}
      errorHint={
        failure === 'gone' ? (
          <p>
            This credential no longer exists on the server —{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void refresh().then(onClose)}
            >
              refresh the list
            </button>
            .
          </p>
        ) : failure === 'already-revoked' ? (
          <p>This credential is already revoked: there is nothing left to do.</p>
        ) : null
      }
      onConfirm={() => void revoke()}
      onCancel={onClose}
      typed={
        production
          ? {
              prompt: `Production: type the credential's name or the last 6 characters of its client_id (${lastChars(credential.clientId, 6)})`,
              accepted: [credential.name, lastChars(credential.clientId, 6)],
            }
          : undefined
      }
    >
      <p>
        Revoking <strong>{credential.name}</strong> (<code>{credential.clientId}</code>) in{' '}
        <strong>{environment.name}</strong> is <strong>immediate and irreversible</strong>: no new
        tokens can be issued with it.
      </p>
      <p>Tokens already issued stay valid until they expire — for up to an hour.</p>
    </ConfirmDialog>
  );
}
