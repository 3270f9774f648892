import { useState, type FormEvent } from 'react';
import { CREDENTIAL_BACKEND_TRAITS } from '@shared/credential-backends';
import type { AppError } from '@shared/errors';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import type { EnvironmentView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { fieldErrors } from '../../lib/errors/field-errors';
import {
  localInputToIso,
  toLocalInput,
  validateCreate,
  type CreateCredentialValues,
} from './create-credential-model';
import { RegistrationFacts, REGISTRATION_FIELDS } from './registration-facts';

const PRESETS: readonly { label: string; days: number | null }[] = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];

/** The first step of creating a credential: a name and an optional expiry. */
export function CreateCredentialForm({
  environment,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  environment: EnvironmentView;
  busy: boolean;
  error: AppError | null;
  onSubmit: (name: string, expiresAt: string | null, keyAlgorithm?: 'ES256' | 'RS256') => void;
  onCancel: () => void;
}) {
  const dcr = environment.credentialBackend === 'dcr';
  const takesExpiry = CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].takesExpiry;
  const withKey = dcr && environment.clientAuth === 'private_key_jwt';
  const [keyAlgorithm, setKeyAlgorithm] = useState<'ES256' | 'RS256'>('ES256');
  const [values, setValues] = useState<CreateCredentialValues>({ name: '', expiresAt: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<{ error: AppError | null; fields: readonly string[] }>({
    error: null,
    fields: [],
  });
  // A server error stays on its field until the user edits that field.
  const editedFields = edited.error === error ? edited.fields : [];
  // A registration error names RFC 7591 metadata: client_name is this form's name.
  const serverErrors = Object.fromEntries(
    Object.entries(fieldErrors(error, { client_name: 'name', clientName: 'name' })).filter(
      ([field]) => !editedFields.includes(field),
    ),
  );
  const errors = { ...serverErrors, ...clientErrors };

  const set = (key: keyof CreateCredentialValues, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setClientErrors(({ [key]: _dropped, ...rest }) => rest);
    setEdited((previous) => ({
      error,
      fields: [...(previous.error === error ? previous.fields : []), key],
    }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateCreate(values, Date.now());
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const expiresAt = takesExpiry ? localInputToIso(values.expiresAt) : null;
    if (withKey) onSubmit(values.name.trim(), expiresAt, keyAlgorithm);
    else onSubmit(values.name.trim(), expiresAt);
  };

  return (
    <Dialog
      title={
        dcr ? `Register a client in ${environment.name}` : `New credential in ${environment.name}`
      }
      onClose={busy ? undefined : onCancel}
      size="medium"
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            form="create-credential-form"
            className="button button-primary"
            disabled={busy}
            aria-busy={busy}
          >
            {busy
              ? dcr
                ? 'Registering and storing in keychain…'
                : 'Creating and storing in keychain…'
              : dcr
                ? 'Register client'
                : 'Create credential'}
          </button>
        </>
      }
    >
      <form id="create-credential-form" className="form-stack" onSubmit={submit} noValidate>
        <Field
          label="Name"
          hint="Shown in the list; say which app or system uses it."
          error={errors.name}
        >
          {(props) => (
            <input
              {...props}
              className="input"
              maxLength={200}
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        {dcr && <RegistrationFacts environment={environment} errors={errors} />}
        {withKey && (
          <Field
            label="Key algorithm"
            hint="Keysmith generates the key pair; the private key stays in the OS keychain."
          >
            {(props) => (
              <select
                {...props}
                className="input"
                value={keyAlgorithm}
                onChange={(e) => setKeyAlgorithm(e.target.value === 'RS256' ? 'RS256' : 'ES256')}
              >
                <option value="ES256">ES256 (P-256)</option>
                <option value="RS256">RS256 (RSA 2048)</option>
              </select>
            )}
          </Field>
        )}
        {takesExpiry && (
          <>
            <Field
              label="Expires (optional)"
              hint="Local time. Leave empty for a credential that never expires."
              error={errors.expiresAt}
            >
              {(props) => (
                <input
                  {...props}
                  className="input"
                  type="datetime-local"
                  value={values.expiresAt}
                  onChange={(e) => set('expiresAt', e.target.value)}
                />
              )}
            </Field>
            <div className="presets" role="group" aria-label="Expiry presets">
              {PRESETS.map((preset) => (
                <button
                  key={preset.label}
                  type="button"
                  className="button button-compact"
                  aria-label={preset.days === null ? 'Never expires' : `Expires in ${preset.label}`}
                  onClick={() =>
                    set(
                      'expiresAt',
                      preset.days === null
                        ? ''
                        : toLocalInput(Date.now() + preset.days * 86_400_000),
                    )
                  }
                >
                  {preset.label}
                </button>
              ))}
            </div>
          </>
        )}
        <p className="field-hint">
          {withKey
            ? 'No secret is made: the server gets the public key, Keysmith keeps the private one.'
            : 'The secret is shown once. Keysmith stores it in the OS keychain and reads it back before showing it.'}
          {environment.kind === 'production' &&
            ' Production: Keysmith first asks you to confirm in its own window.'}
        </p>
      </form>
      {error && (
        <ErrorView
          error={error}
          compact
          shownOnFields={['name', 'expiresAt', ...(dcr ? REGISTRATION_FIELDS : [])]}
        />
      )}
    </Dialog>
  );
}
