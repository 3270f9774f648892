import { useState, type FormEvent } from 'react';
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
  onSubmit: (name: string, expiresAt: string | null) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<CreateCredentialValues>({ name: '', expiresAt: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<{ error: AppError | null; fields: readonly string[] }>({
    error: null,
    fields: [],
  });
  // A server error stays on its field until the user edits that field.
  const editedFields = edited.error === error ? edited.fields : [];
  const serverErrors = Object.fromEntries(
    Object.entries(fieldErrors(error)).filter(([field]) => !editedFields.includes(field)),
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
    onSubmit(values.name.trim(), localInputToIso(values.expiresAt));
  };

  return (
    <Dialog
      title={`New credential in ${environment.name}`}
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
            {busy ? 'Creating and storing in keychain…' : 'Create credential'}
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
                  preset.days === null ? '' : toLocalInput(Date.now() + preset.days * 86_400_000),
                )
              }
            >
              {preset.label}
            </button>
          ))}
        </div>
        <p className="field-hint">
          The secret is shown once. Keysmith stores it in the OS keychain and reads it back before
          showing it.
          {environment.kind === 'production' &&
            ' Production: Keysmith first asks you to confirm in its own window.'}
        </p>
      </form>
      {error && <ErrorView error={error} compact shownOnFields={['name', 'expiresAt']} />}
    </Dialog>
  );
}
