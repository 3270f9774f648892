import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { copyText } from '../../lib/clipboard';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { maskSecret } from '../../lib/format';
import { useEnvironments } from '../environments/environments-store';
import { useCredentials } from './credentials-store';
import './credentials.css';
import { SafeText } from '../../components/safe-text';

/**
 * The one-time capture of a new secret. It cannot be dismissed (no Esc, no backdrop, no close
 * button) until the user confirms they stored the secret. The secret lives only in the parent's
 * local state and is dropped when this closes.
 */
export function CaptureDialog({
  environment,
  credential,
  secret,
  replayed,
  offerMakeActive = true,
  onDone,
}: {
  environment: EnvironmentView;
  credential: CredentialView;
  /** Null when the API replayed an earlier create and can no longer show the secret. */
  secret: string | null;
  replayed: boolean;
  /** Offers "make this the credential Keysmith uses" (the rotation wizard switches in its own step). */
  offerMakeActive?: boolean;
  onDone: (madeActive: boolean) => void;
}) {
  const [revealed, setRevealed] = useState(false);
  const [stored, setStored] = useState(false);
  const [makeActive, setMakeActive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const setActiveCredential = useEnvironments((state) => state.setActiveCredential);
  // A private_key_jwt client has no secret to capture: its private key never leaves the keychain.
  const keyOnly = secret === null && credential.registration?.authMethod === 'private_key_jwt';
  const registered = credential.registration !== undefined;
  const copySecret = useCredentials((state) => state.copySecret);

  const finish = async () => {
    if (makeActive) {
      setBusy(true);
      setError(null);
      const result = await setActiveCredential(environment.id, credential.clientId);
      setBusy(false);
      if (!result.ok) return setError(result.error);
    }
    onDone(makeActive);
  };

  return (
    <Dialog title={keyOnly ? 'Client registered' : 'Store the new client secret now'} size="medium">
      {keyOnly ? (
        <p className="callout callout-info">
          <strong>
            <SafeText text={credential.name} />
          </strong>{' '}
          has no client secret: it signs its token requests (private_key_jwt) with a private key
          Keysmith generated and keeps in the OS keychain. Its public key was registered with the
          server.
        </p>
      ) : (
        <p className="callout callout-warning">
          This is the <strong>only time</strong> the secret of{' '}
          <strong>
            <SafeText text={credential.name} />
          </strong>{' '}
          is shown. Keysmith has saved it in the OS keychain and read it back; put it wherever your
          app needs it before you close this.
        </p>
      )}
      {registered && (
        <p className="muted small">
          Registered through Dynamic Client Registration. Keysmith keeps the client’s registration
          access token in the keychain to read and delete it later; it is never shown.
        </p>
      )}
      {replayed && (
        <p className="callout callout-info">
          The API replayed an earlier request with the same Idempotency-Key: no second credential
          was created.
        </p>
      )}
      <dl className="capture-facts">
        <dt>Environment</dt>
        <dd>
          <SafeText text={environment.name} />
        </dd>
        <dt>client_id</dt>
        <dd className="capture-value">
          <code data-testid="capture-client-id">{credential.clientId}</code>
          <CopyButton label="Copy client_id" copy={() => copyText(credential.clientId)} />
        </dd>
        <dt>{keyOnly ? 'Authentication' : 'client_secret'}</dt>
        <dd className="capture-value">
          {keyOnly ? (
            <span>private_key_jwt, with the key in the keychain</span>
          ) : secret === null ? (
            <span className="text-danger">
              The API can no longer return this secret. If it was not captured, revoke this
              credential and create a new one.
            </span>
          ) : (
            <>
              <code data-testid="capture-secret" className="secret-value">
                {revealed ? secret : maskSecret(secret)}
              </code>
              <button
                type="button"
                className="button"
                aria-pressed={revealed}
                onClick={() => setRevealed((value) => !value)}
              >
                {revealed ? 'Hide secret' : 'Reveal secret'}
              </button>
              <CopyButton
                label="Copy secret"
                copy={() => copySecret(environment.id, credential.clientId)}
              />
            </>
          )}
        </dd>
      </dl>
      <div className="checks">
        {offerMakeActive && (
          <label className="check">
            <input
              type="checkbox"
              checked={makeActive}
              onChange={(e) => setMakeActive(e.target.checked)}
            />
            Make this the credential Keysmith uses for <SafeText text={environment.name} />
          </label>
        )}
        {!keyOnly && (
          <label className="check check-strong">
            <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
            I have stored this secret where my app needs it
          </label>
        )}
      </div>
      {error && <ErrorView error={error} compact onRetry={() => void finish()} />}
      <footer className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={(!stored && !keyOnly) || busy}
          aria-busy={busy}
          onClick={() => void finish()}
        >
          {busy ? 'Saving…' : 'Done'}
        </button>
      </footer>
    </Dialog>
  );
}
