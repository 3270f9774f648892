import type { DiscoveryResult } from '@shared/domain';
import { CodeField, Field } from '../../components/field';
import type { EnvironmentView } from '../../lib/domain';
import { DiscoveryField } from './discovery-field';
import type { EnvironmentFormValues } from './environment-form-model';

type Setter = <K extends keyof EnvironmentFormValues>(
  key: K,
  value: EnvironmentFormValues[K],
) => void;

/** What the initial access token input says about the stored one. */
function storedTokenNote(environment: EnvironmentView | null, forget: boolean): string | undefined {
  if (forget) return 'The stored token is deleted when you save.';
  switch (environment?.initialAccessTokenState) {
    case 'bound':
      return 'A token is stored in the OS keychain. Leave this empty to keep it.';
    case 'needs-proof':
      return 'The stored token was entered for another registration endpoint or kind: enter it again.';
    default:
      return 'Only if the server asks for one to register clients (RFC 7591 §3). Kept in the OS keychain.';
  }
}

/**
 * The authorization server of an environment: its issuer with discovery, its JWKS, and where its
 * credentials are administered (the seed API, or Dynamic Client Registration with its endpoint
 * and initial access token).
 */
export function AuthorizationServerFields({
  environment,
  values,
  errors,
  set,
  onDiscovered,
}: {
  environment: EnvironmentView | null;
  values: EnvironmentFormValues;
  errors: Record<string, string | undefined>;
  set: Setter;
  onDiscovered: (result: Extract<DiscoveryResult, { found: true }>) => void;
}) {
  const dcr = values.credentialBackend === 'dcr';
  const stored = environment !== null && environment.initialAccessTokenState !== 'missing';
  return (
    <fieldset className="span-2 fieldset-plain">
      <legend>Authorization server</legend>
      <div className="form-grid">
        <DiscoveryField
          issuer={values.issuer}
          kind={values.kind}
          error={errors.issuer}
          onChange={(issuer) => set('issuer', issuer)}
          onDiscovered={onDiscovered}
        />
        <CodeField
          label="JWKS URL (optional)"
          hint="Where the server publishes its signing keys. Defaults to <base URL>/.well-known/jwks.json."
          error={errors.jwksUrl}
          className="span-2"
          type="url"
          value={values.jwksUrl}
          onChange={(value) => set('jwksUrl', value)}
        />
        <Field label="Credential administration" error={errors.credentialBackend}>
          {(props) => (
            <select
              {...props}
              className="input"
              value={values.credentialBackend}
              onChange={(e) => set('credentialBackend', e.target.value as 'seed-api' | 'dcr')}
            >
              <option value="seed-api">Seed API (/auth/credentials)</option>
              <option value="dcr">Dynamic Client Registration (RFC 7591/7592)</option>
            </select>
          )}
        </Field>
        {dcr && (
          <>
            <CodeField
              label="Registration endpoint"
              error={errors.registrationUrl}
              className="span-2"
              type="url"
              value={values.registrationUrl}
              onChange={(value) => set('registrationUrl', value)}
            />
            <Field
              label="Initial access token"
              hint={storedTokenNote(environment, values.forgetInitialAccessToken)}
              error={errors.initialAccessToken}
              className="span-2"
            >
              {(props) => (
                <input
                  {...props}
                  className="input mono"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={stored ? 'unchanged' : undefined}
                  value={values.initialAccessToken}
                  onChange={(e) => set('initialAccessToken', e.target.value)}
                />
              )}
            </Field>
            {stored && (
              <label className="span-2 inline-check">
                <input
                  type="checkbox"
                  checked={values.forgetInitialAccessToken}
                  onChange={(e) => set('forgetInitialAccessToken', e.target.checked)}
                />
                Delete the stored initial access token
              </label>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}
