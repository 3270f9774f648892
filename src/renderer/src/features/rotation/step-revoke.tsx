import { useState } from 'react';
import type { Rotation } from '@shared/rotation';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { EnvironmentView } from '../../lib/domain';
import { formatClock } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ErrorView } from '../../components/error-view';
import { useRotation } from './rotation-store';
import { HiddenCharactersWarning, SafeText, safeLabel } from '../../components/safe-text';

/** The longest a token issued before a revoke stays valid (the API's tokens live one hour). */
const TOKEN_LIFETIME_MS = 60 * 60_000;

/**
 * (f) Revokes the old credential. Outside production the app confirms; in production main asks
 * the person in its own window (with the client_id tail typed there), so the app asks nothing.
 */
export function StepRevoke({
  environment,
  rotation,
  acknowledged,
  onBack,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
  acknowledged: boolean;
  onBack: () => void;
}) {
  const { busy, stepError, revokeOld } = useRotation();
  const [confirming, setConfirming] = useState(false);
  const now = useNow(1000);
  const error = stepError?.action === 'revoke' ? stepError.error : null;
  const { old } = rotation;
  const production = environment.kind === 'production';
  const inUse = rotation.watch?.usedAfterSwitch === true;

  const dcr = environment.credentialBackend === 'dcr';
  const revoke = async () => {
    if (await revokeOld(acknowledged)) setConfirming(false);
  };

  return (
    <section className="rotation-step" aria-labelledby="step-revoke-heading">
      <h3 id="step-revoke-heading">Revoke the old credential</h3>
      <p>
        {dcr ? 'Deleting the registration of' : 'Revoking'}{' '}
        <strong>
          <SafeText text={old.name} />
        </strong>{' '}
        (<code>{old.clientId}</code>){dcr && ' at the authorization server (RFC 7592)'} is immediate
        and irreversible: it can obtain no new token. Tokens it already issued stay valid for up to
        an hour: if you revoke now, until about{' '}
        <strong>{formatClock(now + TOKEN_LIFETIME_MS)}</strong>.
      </p>
      {inUse && (
        <p className="callout callout-danger">
          <SafeText text={old.name} /> was used after the switch. You chose to revoke it anyway:
          apps still on it fail once their current token expires.
        </p>
      )}
      {production && (
        <p className="muted small">
          Production: Keysmith asks you to confirm in its own window, where you type the last 6
          characters of the client_id.
        </p>
      )}
      {error && !confirming && <ErrorView error={error} />}
      <div className="button-row">
        <button type="button" className="button" disabled={busy !== null} onClick={onBack}>
          Back to watching
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy !== null}
          aria-busy={busy === 'revoke'}
          onClick={() => (production ? void revoke() : setConfirming(true))}
        >
          {dcr ? 'Delete' : 'Revoke'} <SafeText text={old.name} />
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`${dcr ? 'Delete' : 'Revoke'} ${safeLabel(old.name)}?`}
          confirmLabel={dcr ? 'Delete old client' : 'Revoke old credential'}
          busy={busy === 'revoke'}
          error={error}
          onConfirm={() => void revoke()}
          onCancel={() => setConfirming(false)}
        >
          <HiddenCharactersWarning
            names={[
              { what: 'The old credential’s name', text: old.name },
              { what: 'The old client_id', text: old.clientId },
              { what: 'The environment name', text: environment.name },
            ]}
          />
          <p>
            <strong>
              <SafeText text={old.name} />
            </strong>{' '}
            in{' '}
            <strong>
              <SafeText text={environment.name} />
            </strong>{' '}
            stops working for new tokens now. <SafeText text={rotation.replacement.name} /> stays in
            use.
          </p>
          <p>Tokens already issued stay valid until they expire: for up to an hour.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
