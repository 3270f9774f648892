import type { Ref } from 'react';
import { Field } from '../../components/field';

/**
 * Why the secret must be pasted again: the endpoint or kind `changed` since it was proven (main
 * sends it nowhere), or the edit is `moving` them (it will, once saved).
 */
export type PasteAgain = 'changed' | 'moving' | null;

/** The client_id / client_secret pair of an environment form: required when adding, optional when editing. */
export function CredentialFields({
  mode,
  usesKey = false,
  pasteAgain = null,
  secretInputRef,
  clientId,
  clientSecret,
  errors,
  onChange,
}: {
  mode: 'add' | 'edit';
  /** private_key_jwt: the client holds a key Keysmith made, never a secret. */
  usesKey?: boolean;
  pasteAgain?: PasteAgain;
  /** The client_secret input, for the dialog to focus when the secret must be pasted again. */
  secretInputRef?: Ref<HTMLInputElement>;
  clientId: string;
  clientSecret: string;
  errors: Record<string, string | undefined>;
  onChange: (field: 'clientId' | 'clientSecret', value: string) => void;
}) {
  return (
    <fieldset className="span-2 fieldset-plain">
      <legend>{mode === 'add' ? 'First credential' : 'Credential Keysmith uses'}</legend>
      <p className="field-hint">
        {usesKey
          ? 'This client signs each token request with a key Keysmith makes and keeps in the OS keychain: there is no secret to paste.'
          : mode === 'add'
            ? 'Pasted once, stored in the OS keychain and proven by a token exchange before the environment is saved.'
            : 'To use another credential, paste its client_id and secret; they go to the OS keychain. Leave the secret empty to keep the stored one.'}
      </p>
      {pasteAgain === 'changed' && !usesKey && (
        <p className="callout callout-danger paste-again" role="status">
          <strong>Paste the secret again.</strong> The token endpoint, API or kind changed since
          this secret was proven: Keysmith sends it nowhere until you paste it here. It is then
          proven against the endpoint above.
        </p>
      )}
      {pasteAgain === 'moving' && !usesKey && (
        <p className="callout callout-warning paste-again" role="status">
          This edit changes where the secret goes (the token endpoint, API or kind). Paste the
          secret again to prove it there; without it, Keysmith sends it nowhere after saving.
        </p>
      )}
      <div className="form-grid">
        <Field label="client_id" error={errors.clientId}>
          {(props) => (
            <input
              {...props}
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              value={clientId}
              onChange={(e) => onChange('clientId', e.target.value)}
            />
          )}
        </Field>
        {!usesKey && (
          <Field label="client_secret" error={errors.clientSecret}>
            {(props) => (
              <input
                {...props}
                className="input mono"
                type="password"
                ref={secretInputRef}
                autoComplete="off"
                spellCheck={false}
                placeholder={
                  mode === 'add' ? undefined : pasteAgain !== null ? 'paste it again' : 'unchanged'
                }
                value={clientSecret}
                onChange={(e) => onChange('clientSecret', e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
    </fieldset>
  );
}
