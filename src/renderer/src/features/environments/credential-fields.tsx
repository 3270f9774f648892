import { Field } from '../../components/field';

/** The client_id / client_secret pair of an environment form: required when adding, optional when editing. */
export function CredentialFields({
  mode,
  clientId,
  clientSecret,
  errors,
  onChange,
}: {
  mode: 'add' | 'edit';
  clientId: string;
  clientSecret: string;
  errors: Record<string, string | undefined>;
  onChange: (field: 'clientId' | 'clientSecret', value: string) => void;
}) {
  return (
    <fieldset className="span-2 fieldset-plain">
      <legend>{mode === 'add' ? 'First credential' : 'Credential Keysmith uses'}</legend>
      <p className="field-hint">
        {mode === 'add'
          ? 'Pasted once, stored in the OS keychain and proven by a token exchange before the environment is saved.'
          : 'To use another credential, paste its client_id and secret; they go to the OS keychain. Leave the secret empty to keep the stored one.'}
      </p>
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
        <Field label="client_secret" error={errors.clientSecret}>
          {(props) => (
            <input
              {...props}
              className="input mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={mode === 'edit' ? 'unchanged' : undefined}
              value={clientSecret}
              onChange={(e) => onChange('clientSecret', e.target.value)}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
