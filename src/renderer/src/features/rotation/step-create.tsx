import type { Rotation } from '@shared/rotation';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { formatDateTime, shortId } from '../../lib/format';
import { invoke } from '../../lib/ipc';
import { ErrorView } from '../../components/error-view';
import { useRotation } from './rotation-store';
import { SafeText } from '../../components/safe-text';

/** The new secret, held only in the wizard component's state until the capture is confirmed. */
export interface Capture {
  readonly credential: CredentialView;
  /** Null for a client that signs with a private key kept in the keychain. */
  readonly secret: string | null;
  readonly replayed: boolean;
}

/**
 * (a) Creates the replacement with the rotation's saved Idempotency-Key, then shows the one-time
 * capture. A create whose answer was lost (or that was in flight when the app died) is sent again
 * with the same key: the API replays it, so no second credential appears.
 */
export function StepCreate({
  environment,
  rotation,
  onCaptured,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
  onCaptured: (capture: Capture) => void;
}) {
  const { busy, stepError, creating, created, load } = useRotation();
  const error = stepError?.action === 'create' ? stepError.error : null;
  const retry = rotation.createAttempts > 0;
  const dcr = environment.credentialBackend === 'dcr';

  const create = async () => {
    creating(true);
    const result = await invoke('rotation:create', {
      environmentId: environment.id,
      rotationId: rotation.id,
    });
    if (!result.ok) {
      creating(false, result.error);
      // The try is counted on disk even when it failed: show it.
      void load(environment.id);
      return;
    }
    creating(false);
    const { captured } = result.value;
    onCaptured({
      credential: captured.credential,
      secret: captured.clientSecret,
      replayed: captured.replayed,
    });
    created(result.value.rotation);
  };

  return (
    <section className="rotation-step" aria-labelledby="step-create-heading">
      <h3 id="step-create-heading">Create the replacement</h3>
      <dl className="facts">
        <dt>Replaces</dt>
        <dd>
          <SafeText text={rotation.old.name} /> <code>{shortId(rotation.old.clientId)}</code>
        </dd>
        <dt>New name</dt>
        <dd>
          <SafeText text={rotation.replacement.name} />
        </dd>
        <dt>Expires</dt>
        <dd>
          {dcr
            ? 'as the server decides (client_secret_expires_at)'
            : rotation.replacement.expiresAt === null
              ? 'never'
              : formatDateTime(rotation.replacement.expiresAt)}
        </dd>
        {!dcr && (
          <>
            <dt>Idempotency-Key</dt>
            <dd className="mono" title="Saved before the create is sent; every retry reuses it">
              {rotation.replacement.idempotencyKey}
            </dd>
          </>
        )}
      </dl>
      {retry && dcr && (
        <p className="callout callout-warning">
          A registration of “{rotation.replacement.name}” was already sent and its answer never
          arrived: the server may have registered it. Registration has no idempotency key, so
          Keysmith does not send it again by itself. Check the server’s console for a client named “
          {rotation.replacement.name}” (delete it there if it exists), dismiss the pending
          registration in Credentials, then register again.
        </p>
      )}
      {retry && !dcr && (
        <p className="callout callout-warning">
          A create was already sent and its answer never arrived. Sending it again reuses the same
          Idempotency-Key: if the first one reached the API, it answers with that same credential
          and its secret, so no second credential is made.
        </p>
      )}
      {environment.kind === 'production' && (
        <p className="muted small">
          Production: Keysmith first asks you to confirm in its own window, since the new secret
          comes back to this one.
        </p>
      )}
      {error && <ErrorView error={error} onRetry={() => void create()} />}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          aria-busy={busy === 'create'}
          onClick={() => void create()}
        >
          {busy === 'create'
            ? 'Creating and storing in keychain…'
            : dcr
              ? retry
                ? 'Register the new client again'
                : 'Register the new client'
              : retry
                ? 'Send the create again (same Idempotency-Key)'
                : 'Create the new credential'}
        </button>
      </div>
    </section>
  );
}
