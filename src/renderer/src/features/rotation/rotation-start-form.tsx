import { useEffect, useState, type FormEvent } from 'react';
import { CREDENTIAL_BACKEND_TRAITS } from '@shared/credential-backends';
import { sameExpiryPolicy, suggestedReplacementName } from '@shared/rotation';
import { Field } from '../../components/field';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { formatDateTime, shortId } from '../../lib/format';
import { localInputToIso, validateCreate } from '../credentials/create-credential-model';
import { useCredentials } from '../credentials/credentials-store';
import { ErrorView } from '../../components/error-view';
import { fieldErrors } from '../../lib/errors/field-errors';
import { useRotation } from './rotation-store';
import { HiddenCharactersWarning, SafeText, safeLabel } from '../../components/safe-text';

type ExpiryChoice = 'same' | 'never' | 'custom';

/** The credential preselected: the one picked with "Rotate", else the one the environment uses. */
function defaultOld(
  active: readonly CredentialView[],
  environment: EnvironmentView,
  requested: string | null,
): string {
  const pick = [requested, environment.activeClientId].find((id) =>
    active.some((c) => c.clientId === id),
  );
  return pick ?? active[0]?.clientId ?? '';
}

/** The form's errors by field, checked against the time of the submit. */
function checkStart(name: string, expiry: ExpiryChoice, custom: string): Record<string, string> {
  const expiresAt = expiry === 'custom' ? custom : '';
  const problems = validateCreate({ name, expiresAt }, Date.now());
  if (expiry === 'custom' && custom.trim() === '') problems.expiresAt = 'Pick a date and time.';
  return problems;
}

/** Starts a rotation: which credential to replace, and the replacement's name and expiry. */
export function RotationStartForm({ environment }: { environment: EnvironmentView }) {
  const credentials = useCredentials();
  const { start, busy, stepError, requested } = useRotation();
  const requestedId = requested?.environmentId === environment.id ? requested.clientId : null;
  const loadCredentials = credentials.load;
  const listed = credentials.environmentId === environment.id;
  useEffect(() => {
    if (!listed) void loadCredentials(environment.id);
  }, [listed, environment.id, loadCredentials]);

  const active = listed ? credentials.items.filter((c) => c.status === 'active') : [];
  const [picked, setPicked] = useState<string | null>(null);
  const oldId = picked ?? defaultOld(active, environment, requestedId);
  const old = active.find((c) => c.clientId === oldId) ?? null;
  const [editedName, setEditedName] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<ExpiryChoice>('same');
  const [custom, setCustom] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [now] = useState(() => Date.now());

  const name = editedName ?? (old ? suggestedReplacementName(old.name, now) : '');
  const policy = old ? sameExpiryPolicy(old, now) : { expiresAt: null, lifetimeDays: null };
  const error = stepError?.action === 'start' ? stepError.error : null;
  const serverErrors = fieldErrors(error);
  // DCR: the server decides when the new client's secret expires.
  const takesExpiry = CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].takesExpiry;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!old) return;
    const problems = checkStart(name, takesExpiry ? expiry : 'never', custom);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const expiresAt = !takesExpiry
      ? null
      : expiry === 'same'
        ? policy.expiresAt
        : expiry === 'never'
          ? null
          : localInputToIso(custom);
    void start({ oldClientId: old.clientId, name: name.trim(), expiresAt });
  };

  return (
    <form
      className="rotation-start form-stack"
      onSubmit={submit}
      noValidate
      aria-label="Start a rotation"
    >
      <p className="muted">
        Keysmith creates the replacement first, moves <SafeText text={environment.name} /> and your
        apps to it, watches the old key&apos;s traffic, and only then revokes the old key. Every
        step is saved: you can quit at any point and continue where you left off.
      </p>
      {credentials.error && listed && <ErrorView error={credentials.error} compact />}
      {listed && active.length === 0 && !credentials.loading && (
        <p className="callout callout-info">
          <SafeText text={environment.name} /> has no active credential to rotate.
        </p>
      )}
      <Field label="Credential to replace" error={errors.oldClientId ?? serverErrors.oldClientId}>
        {(props) => (
          <select
            {...props}
            className="input"
            value={oldId}
            disabled={active.length === 0}
            onChange={(e) => setPicked(e.target.value)}
          >
            {active.map((c) => (
              <option key={c.clientId} value={c.clientId}>
                {safeLabel(c.name)} · {shortId(c.clientId)}
                {c.clientId === environment.activeClientId ? ' (used by this environment)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {old && (
        <HiddenCharactersWarning
          names={[
            { what: 'The credential to replace', text: old.name },
            { what: 'Its client_id', text: old.clientId },
          ]}
        />
      )}
      <Field
        label="Name of the new credential"
        hint="Suggested from the old name and today's date."
        error={errors.name ?? serverErrors.name}
      >
        {(props) => (
          <input
            {...props}
            className="input"
            maxLength={200}
            value={name}
            onChange={(e) => setEditedName(e.target.value)}
          />
        )}
      </Field>
      {takesExpiry && (
        <fieldset className="fieldset-plain">
          <legend>Expiry of the new credential</legend>
          <div className="radio-stack">
            <label className="check">
              <input
                type="radio"
                name="expiry"
                checked={expiry === 'same'}
                onChange={() => setExpiry('same')}
              />
              {policy.lifetimeDays === null
                ? 'Never expires, like the old one'
                : `Same lifetime as the old one (${policy.lifetimeDays} days): until ${formatDateTime(policy.expiresAt)}`}
            </label>
            <label className="check">
              <input
                type="radio"
                name="expiry"
                checked={expiry === 'never'}
                onChange={() => setExpiry('never')}
              />
              Never expires
            </label>
            <label className="check">
              <input
                type="radio"
                name="expiry"
                checked={expiry === 'custom'}
                onChange={() => setExpiry('custom')}
              />
              Another date
            </label>
          </div>
          {expiry === 'custom' && (
            <Field label="Expires (local time)" error={errors.expiresAt ?? serverErrors.expiresAt}>
              {(props) => (
                <input
                  {...props}
                  className="input"
                  type="datetime-local"
                  value={custom}
                  onChange={(e) => setCustom(e.target.value)}
                />
              )}
            </Field>
          )}
        </fieldset>
      )}
      {!takesExpiry && (
        <p className="muted small">
          The server decides when the new client’s secret expires (client_secret_expires_at).
        </p>
      )}
      {error && (
        <ErrorView
          error={error}
          compact
          shownOnFields={expiry === 'custom' ? ['name', 'expiresAt'] : ['name']}
        />
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button-primary"
          disabled={!old || busy !== null}
          aria-busy={busy === 'start'}
        >
          {busy === 'start' ? 'Starting…' : 'Start rotation'}
        </button>
      </div>
    </form>
  );
}
