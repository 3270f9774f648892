import { useState, type FormEvent } from 'react';
import type { AppError } from '@shared/errors';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { HiddenCharactersWarning, SafeText } from '../../components/safe-text';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { fieldErrors } from '../../lib/errors/field-errors';
import { useCredentials } from './credentials-store';

/**
 * Renames a client registered through DCR (RFC 7592 update, sent by main). In production main
 * asks the person in its own window first; a "no" there closes this dialog.
 */
export function RenameDialog({
  environment,
  credential,
  onClose,
  onRenamed,
}: {
  environment: EnvironmentView;
  credential: CredentialView;
  onClose: () => void;
  onRenamed: (message: string) => void;
}) {
  const [name, setName] = useState(credential.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [empty, setEmpty] = useState(false);
  const rename = useCredentials((state) => state.rename);
  const production = environment.kind === 'production';
  const nameError = empty
    ? 'Give the client a name.'
    : fieldErrors(error, { client_name: 'name', clientName: 'name' }).name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = name.trim();
    setEmpty(wanted === '');
    if (wanted === '') return;
    setBusy(true);
    setError(null);
    const result = await rename(environment.id, credential.clientId, wanted);
    setBusy(false);
    if (result.ok) {
      onRenamed(`Renamed ${credential.clientId} to “${result.value.name}” at the server.`);
      return onClose();
    }
    // A "no" in main's window needs no word here: nothing was done, and the person knows.
    if (result.error.kind === 'cancelled') return onClose();
    setError(result.error);
  };

  return (
    <Dialog
      title="Rename registered client"
      size="small"
      onClose={busy ? undefined : onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            form="rename-client-form"
            className="button button-primary"
            disabled={busy}
            aria-busy={busy}
          >
            {busy
              ? production
                ? 'Confirm in Keysmith’s window…'
                : 'Renaming at the server…'
              : 'Rename'}
          </button>
        </>
      }
    >
      <HiddenCharactersWarning names={[{ what: 'The new name', text: name }]} />
      <p>
        Keysmith renames <code>{credential.clientId}</code> (
        <SafeText text={credential.name} />) at the authorization server (RFC 7592). Its client_id,
        secret and registration access token stay as they are.
      </p>
      <form
        id="rename-client-form"
        className="form-stack"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <Field label="New name" error={nameError}>
          {(props) => (
            <input
              {...props}
              className="input"
              maxLength={200}
              value={name}
              disabled={busy}
              onChange={(event) => {
                setName(event.target.value);
                setEmpty(false);
              }}
            />
          )}
        </Field>
      </form>
      {error && <ErrorView error={error} shownOnFields={nameError ? ['name'] : []} compact />}
    </Dialog>
  );
}
