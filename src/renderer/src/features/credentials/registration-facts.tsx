import type { EnvironmentView } from '../../lib/domain';

/** The environment fields a registration error can concern (shown here, not listed again). */
export const REGISTRATION_FIELDS: readonly string[] = [
  'initialAccessToken',
  'registrationUrl',
  'clientAuth',
  'redirectUris',
  'softwareStatement',
  'scope',
];

/** One fact of the registration, with the server's error about it in words when there is one. */
function Fact({
  id,
  label,
  value,
  error,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
}) {
  return (
    <>
      <dt id={`${id}-label`}>{label}</dt>
      <dd aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
        <span>{value}</span>
        {error && (
          <span id={`${id}-error`} className="field-error" role="alert">
            {error} Edit the environment to change it.
          </span>
        )}
      </dd>
    </>
  );
}

/**
 * Where and how a DCR environment registers its clients: the registration endpoint, the client
 * authentication method and the initial access token, each with the server's refusal about it.
 * These are the environment's fields (edited in its form); the create form only shows them.
 */
export function RegistrationFacts({
  environment,
  errors,
}: {
  environment: EnvironmentView;
  errors: Readonly<Record<string, string | undefined>>;
}) {
  const metadata = ['redirectUris', 'softwareStatement', 'scope']
    .map((field) => errors[field])
    .find((message) => message !== undefined);
  return (
    <dl className="capture-facts" aria-label="Registration">
      <Fact
        id="registration-endpoint"
        label="Registration endpoint"
        value={environment.registrationUrl ?? 'none: set it in the environment'}
        error={errors.registrationUrl}
      />
      <Fact
        id="registration-auth"
        label="Client authentication"
        value={environment.clientAuth}
        error={errors.clientAuth ?? metadata}
      />
      <Fact
        id="registration-iat"
        label="Initial access token"
        value="from the keychain, when the environment has one"
        error={errors.initialAccessToken}
      />
    </dl>
  );
}
