import type { Rotation } from '@shared/rotation';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime, shortId } from '../../lib/format';
import { ErrorView } from '../../components/error-view';
import { ClaimsTable } from '../token/claims-table';
import { useRotation } from './rotation-store';
import { SafeText } from '../../components/safe-text';

/** What the token exchange with the new credential showed: where, until when, and its claims. */
export function VerificationResult({ rotation }: { rotation: Rotation }) {
  const verification = rotation.verification;
  if (verification === null) return null;
  return (
    <div className="verification">
      <p className="callout callout-info" role="status">
        The new credential works: {verification.tokenUrl} issued a token at{' '}
        {formatDateTime(verification.at)}, valid until {formatDateTime(verification.tokenExpiresAt)}
        .
      </p>
      {verification.claims === null ? (
        <p className="muted">
          The access token is opaque (not a JWT): there are no claims to show.
        </p>
      ) : (
        <div className="claims-grid">
          {verification.header && (
            <ClaimsTable
              caption="Header of the new credential's token"
              part="header"
              values={verification.header}
            />
          )}
          <ClaimsTable
            caption="Claims of the new credential's token"
            part="claims"
            values={verification.claims}
          />
        </div>
      )}
      <p className="muted small">Decoded for display only: the signature is not checked here.</p>
    </div>
  );
}

/** (b) Exchanges a token with the new credential, read back from the keychain, at the token URL. */
export function StepVerify({
  environment,
  rotation,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
}) {
  const { busy, stepError, run } = useRotation();
  const error = stepError?.action === 'rotation:verify' ? stepError.error : null;
  return (
    <section className="rotation-step" aria-labelledby="step-verify-heading">
      <h3 id="step-verify-heading">Verify the new credential</h3>
      <p>
        The secret of{' '}
        <strong>
          <SafeText text={rotation.replacement.name} />
        </strong>{' '}
        (<code>{shortId(rotation.newClientId ?? '')}</code>) is in the OS keychain. Keysmith reads
        it back and exchanges it for an access token at <SafeText text={environment.name} />
        &apos;s token URL, before anything depends on it.
      </p>
      {error && <ErrorView error={error} onRetry={() => void run('rotation:verify')} />}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          aria-busy={busy === 'rotation:verify'}
          onClick={() => void run('rotation:verify')}
        >
          {busy === 'rotation:verify' ? 'Getting a token…' : 'Get a token with the new credential'}
        </button>
      </div>
    </section>
  );
}
