import { useRef, useState, type FormEvent } from 'react';
import { ENVIRONMENT_FIELD_NAMES, ENVIRONMENT_KINDS } from '@shared/environment';
import type { AppError } from '@shared/errors';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { ErrorView } from '../../components/error-view';
import type { EnvironmentKind, EnvironmentView } from '../../lib/domain';
import { fieldErrors } from '../../lib/errors/field-errors';
import { ColourField } from './colour-field';
import { CredentialFields } from './credential-fields';
import { HeaderRows } from './header-rows';
import { DEFAULT_COLOURS, KIND_LABELS } from './env-colour';
import { AuthorizationServerFields } from './authorization-server-fields';
import { ClientKeyPanel } from './client-key-panel';
import {
  initialValues,
  movesSecrets,
  validateEnvironment,
  type EnvironmentFormValues,
} from './environment-form-model';
import { useEnvironments } from './environments-store';
import { addEnvironment, saveEdits } from './save-environment';
import { TokenRequestFields } from './token-request-fields';
import { applyDiscovery } from './token-side-model';
import './environments.css';

const FORM_FIELDS = [
  ...ENVIRONMENT_FIELD_NAMES,
  'clientId',
  'clientSecret',
  'initialAccessToken',
  'clientKey',
];

/** Why a credential check failed in a way "save as not verified" makes sense: the API was unreachable. */
function unreachable(error: AppError | null): boolean {
  return error?.kind === 'network' || error?.kind === 'timeout';
}

/** The add / edit environment dialog; adding proves the first credential with a token exchange. */
export function EnvironmentForm({
  environment,
  onClose,
}: {
  environment: EnvironmentView | null;
  onClose: () => void;
}) {
  const mode = environment ? 'edit' : 'add';
  const [values, setValues] = useState<EnvironmentFormValues>(() => initialValues(environment));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<null | 'verifying' | 'saving'>(null);
  /** The client authentication methods discovery found the server offers. */
  const [offered, setOffered] = useState<readonly string[]>([]);
  /** A private_key_jwt environment just added: its public key is shown for registration. */
  const [added, setAdded] = useState<EnvironmentView | null>(null);
  const usesKey = values.clientAuth === 'private_key_jwt';
  const secretInput = useRef<HTMLInputElement>(null);
  const pasteAgain =
    environment === null
      ? null
      : environment.secretState === 'needs-proof'
        ? 'changed'
        : movesSecrets(values, environment) && environment.secretState === 'bound'
          ? 'moving'
          : null;
  const reload = useEnvironments((state) => state.load);

  const serverErrors = fieldErrors(error);
  if (
    error?.kind === 'problem' &&
    error.problem.status === 401 &&
    !serverErrors.clientSecret &&
    !usesKey
  ) {
    serverErrors.clientSecret = 'The API rejected this client_id and secret (401).';
  }
  const errorsByField = { ...serverErrors, ...clientErrors };
  const set = <K extends keyof EnvironmentFormValues>(key: K, value: EnvironmentFormValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setClientErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const submit = async (saveUnverified: boolean) => {
    const problems = validateEnvironment(values, mode);
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setError(null);
    setBusy(saveUnverified || mode === 'edit' ? 'saving' : 'verifying');
    if (environment) {
      const failure = await saveEdits(environment, values);
      setBusy(null);
      if (failure) return setError(failure);
      await reload();
      onClose();
      return;
    }
    const result = await addEnvironment(values, saveUnverified);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    if (usesKey) return setAdded(result.value.environment);
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(false);
  };

  const title = environment ? `Edit ${environment.name}` : 'Add environment';
  if (added !== null && added.activeClientId !== null) {
    return (
      <Dialog
        title={`Register the key of ${added.name}`}
        onClose={onClose}
        size="large"
        actions={
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <p>
          {added.name} is saved. Register the public key below with the server; the token panel then
          gets tokens without any secret.
        </p>
        <ClientKeyPanel environmentId={added.id} clientId={added.activeClientId} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={title}
      onClose={busy ? undefined : onClose}
      size="large"
      // Opened to paste the secret again: that is the one thing to do here.
      initialFocus={environment?.secretState === 'needs-proof' ? secretInput : undefined}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy !== null}>
            Cancel
          </button>
          {mode === 'add' && unreachable(error) && (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void submit(true)}
            >
              Save as not verified
            </button>
          )}
          <button
            type="submit"
            form="environment-form"
            className="button button-primary"
            disabled={busy !== null}
            aria-busy={busy !== null}
          >
            {busy === 'verifying'
              ? usesKey
                ? 'Making the key…'
                : 'Verifying with a token exchange…'
              : busy === 'saving'
                ? 'Saving…'
                : mode === 'add'
                  ? usesKey
                    ? 'Add and make key'
                    : 'Verify and add'
                  : 'Save changes'}
          </button>
        </>
      }
    >
      <form id="environment-form" className="form-grid" onSubmit={onSubmit} noValidate>
        <Field label="Name" error={errorsByField.name}>
          {(props) => (
            <input
              {...props}
              className="input"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Kind" error={errorsByField.kind}>
          {(props) => (
            <select
              {...props}
              className="input"
              value={values.kind}
              onChange={(e) => {
                const kind = e.target.value as EnvironmentKind;
                set('kind', kind);
                if (kind !== 'production') set('colour', DEFAULT_COLOURS[kind]);
              }}
            >
              {ENVIRONMENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Base URL" error={errorsByField.baseUrl} className="span-2">
          {(props) => (
            <input
              {...props}
              className="input mono"
              type="url"
              spellCheck={false}
              value={values.baseUrl}
              onChange={(e) => set('baseUrl', e.target.value)}
            />
          )}
        </Field>
        <AuthorizationServerFields
          environment={environment}
          values={values}
          errors={errorsByField}
          set={set}
          onDiscovered={(result) => {
            setOffered(result.server.tokenEndpointAuthMethods);
            setValues((previous) => applyDiscovery(previous, result.server));
          }}
        />
        <Field
          label="Token URL (optional)"
          hint="Defaults to <base URL>/auth/token; discovery fills it in."
          error={errorsByField.tokenUrl}
          className="span-2"
        >
          {(props) => (
            <input
              {...props}
              className="input mono"
              type="url"
              spellCheck={false}
              value={values.tokenUrl}
              onChange={(e) => set('tokenUrl', e.target.value)}
            />
          )}
        </Field>
        <HeaderRows
          rows={values.headers}
          error={errorsByField.extraHeaders ?? errorsByField.secretHeaders}
          onChange={(rows) => set('headers', rows)}
        />
        <div className="span-2">
          <ColourField
            kind={values.kind}
            value={values.colour}
            error={errorsByField.colour}
            onChange={(colour) => set('colour', colour)}
          />
        </div>
        <TokenRequestFields
          mode={mode}
          values={values}
          offered={offered}
          errors={errorsByField}
          set={set}
        />
        <CredentialFields
          mode={mode}
          usesKey={usesKey}
          pasteAgain={pasteAgain}
          secretInputRef={secretInput}
          clientId={values.clientId}
          clientSecret={values.clientSecret}
          errors={errorsByField}
          onChange={set}
        />
        {environment?.activeClientId && usesKey && environment.clientAuth === 'private_key_jwt' && (
          <div className="span-2">
            <ClientKeyPanel environmentId={environment.id} clientId={environment.activeClientId} />
          </div>
        )}
      </form>
      {error && (
        <ErrorView error={error} compact shownOnFields={FORM_FIELDS}>
          {mode === 'add' && unreachable(error) && (
            <p>
              The credential could not be checked. You can save the environment as{' '}
              <strong>not verified</strong> and verify it later, or fix the URL and try again.
            </p>
          )}
        </ErrorView>
      )}
    </Dialog>
  );
}
