import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { HiddenCharactersWarning, SafeText, safeLabel } from '../../components/safe-text';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { formatClock } from '../../lib/format';
import { revokeFailure, useCredentials } from './credentials-store';

/** What the notice says after a revoke: tokens already issued stay valid until they expire. */
export function revokedNotice(
  credential: CredentialView,
  outcome: { readonly tokensValidUntil: unknown; readonly forgotten?: boolean },
): string {
  if (outcome.forgotten === true) {
    return `${safeLabel(credential.name)} is no longer registered at the server: Keysmith forgot it. If it still shows in the server’s console, delete it there.`;
  }
  const until = Date.parse(String(outcome.tokensValidUntil));
  const what = credential.registration === undefined ? 'Revoked' : 'Deleted the registration of';
  return `${what} ${safeLabel(credential.name)}. Tokens already issued stay valid until ${
    Number.isFinite(until) ? formatClock(until) : 'they expire (up to an hour)'
  }.`;
}

/** What a failed revoke means, when the API said 404 (gone) or 409 (already revoked). */
export function RevokeFailureHint({
  error,
  onRefresh,
}: {
  error: AppError;
  onRefresh: () => void;
}) {
  const failure = revokeFailure(error);
  if (failure === 'gone') {
    return (
      <p>
        This credential no longer exists on the server —{' '}
        <button type="button" className="link-button" onClick={onRefresh}>
          refresh the list
        </button>
        .
      </p>
    );
  }
  if (failure === 'already-revoked') {
    return <p>This credential is already revoked: there is nothing left to do.</p>;
  }
  return null;
}

/**
 * Confirms and performs a revoke outside production (production is confirmed by main, in its own
 * window: see the credentials panel); the credential in use gets a warning first.
 */
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

  const revoke = async () => {
    setBusy(true);
    setError(null);
    const result = await revokeCredential(environment.id, credential);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onRevoked(revokedNotice(credential, result.value));
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
            <strong>
              <SafeText text={environment.name} />
            </strong>{' '}
            gets its tokens with{' '}
            <strong>
              <SafeText text={credential.name} />
            </strong>
            . Once it is revoked, Keysmith — and every app configured with this client_id — can no
            longer obtain new tokens. Requests start failing within the hour, when the current
            tokens expire.
          </p>
          <p>
            To replace a credential without downtime, use <strong>Rotation</strong> instead: create
            the new one, move your apps over, then revoke the old one.
          </p>
        </div>
      </Dialog>
    );
  }

  if (credential.registration !== undefined) {
    return (
      <ConfirmDialog
        title={`Delete ${credential.name}?`}
        confirmLabel={credential.registration.state === 'gone' ? 'Forget client' : 'Delete client'}
        busy={busy}
        error={error}
        onConfirm={() => void revoke()}
        onCancel={onClose}
      >
        <p>
          Keysmith deletes the registration of <strong>{credential.name}</strong> (
          <code>{credential.clientId}</code>) at the authorization server of{' '}
          <strong>{environment.name}</strong> (RFC 7592), then its secret and registration access
          token in the keychain. It can obtain no new token; this cannot be undone.
        </p>
        <p>Tokens already issued stay valid until they expire.</p>
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog
      title={`Revoke ${credential.name}?`}
      confirmLabel="Revoke credential"
      busy={busy}
      error={error}
      errorHint={
        error && <RevokeFailureHint error={error} onRefresh={() => void refresh().then(onClose)} />
      }
      onConfirm={() => void revoke()}
      onCancel={onClose}
    >
      <HiddenCharactersWarning
        names={[
          { what: 'The credential name', text: credential.name },
          { what: 'The client_id', text: credential.clientId },
          { what: 'The environment name', text: environment.name },
        ]}
      />
      <p>
        Revoking{' '}
        <strong>
          <SafeText text={credential.name} />
        </strong>{' '}
        (
        <code>
          <SafeText text={credential.clientId} />
        </code>
        ) in{' '}
        <strong>
          <SafeText text={environment.name} />
        </strong>{' '}
        is <strong>immediate and irreversible</strong>: no new tokens can be issued with it.
      </p>
      <p>Tokens already issued stay valid until they expire — for up to an hour.</p>
    </ConfirmDialog>
  );
}
