import { useId, useState } from 'react';
import { rotationFacts, type Rotation } from '@shared/rotation';
import { Dialog } from '../../components/dialog';
import type { EnvironmentView } from '../../lib/domain';
import { lastChars } from '../../lib/format';
import { ErrorView } from '../../components/error-view';
import { useRotation } from './rotation-store';

/**
 * Cancelling says what exists at this point ("the new credential exists and is stored…") and
 * offers to revoke it; in production that revoke needs the typed name or client_id tail.
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
  const [phrase, setPhrase] = useState('');
  const inputId = useId();
  const facts = rotationFacts(rotation, environment.activeClientId);
  const error = stepError?.action === 'cancel' ? stepError.error : null;
  const newId = rotation.newClientId;
  const typed = environment.kind === 'production' && facts.canRevokeNew && newId !== null;
  const accepted = newId === null ? [] : [rotation.replacement.name, lastChars(newId, 6)];
  const unlocked = !typed || accepted.includes(phrase.trim());

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
              disabled={busy !== null || !unlocked}
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
      {typed && (
        <div className="field">
          <label htmlFor={inputId}>
            Production: type the new credential&apos;s name or the last 6 characters of its
            client_id ({lastChars(newId ?? '', 6)}) to revoke it
          </label>
          <input
            id={inputId}
            className="input mono"
            autoComplete="off"
            spellCheck={false}
            value={phrase}
            onChange={(event) => setPhrase(event.target.value)}
          />
        </div>
      )}
      {error && <ErrorView error={error} compact />}
    </Dialog>
  );
}
