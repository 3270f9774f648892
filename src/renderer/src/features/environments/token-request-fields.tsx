import {
  CLIENT_AUTH_METHODS,
  CLIENT_KEY_ALGS,
  type ClientAuthMethod,
  type ClientKeyAlg,
} from '@shared/environment';
import { CodeField, Field } from '../../components/field';
import type { EnvironmentFormValues } from './environment-form-model';
import { CLIENT_AUTH_LABELS } from './token-side-model';

type Setter = <K extends keyof EnvironmentFormValues>(
  key: K,
  value: EnvironmentFormValues[K],
) => void;

/**
 * How the environment asks for tokens: the client authentication method (with the key
 * algorithm for a new private_key_jwt client), scope, audience, resources and extra parameters.
 * Main sends exactly these; the token panel shows what was sent.
 */
export function TokenRequestFields({
  mode,
  values,
  offered,
  errors,
  set,
}: {
  mode: 'add' | 'edit';
  values: EnvironmentFormValues;
  /** The methods discovery found the server offers (empty when unknown). */
  offered: readonly string[];
  errors: Record<string, string | undefined>;
  set: Setter;
}) {
  const label = (method: ClientAuthMethod) =>
    `${CLIENT_AUTH_LABELS[method]}${offered.length > 0 && !offered.includes(method) ? ' — not offered by the server' : ''}`;
  return (
    <fieldset className="span-2 fieldset-plain">
      <legend>Token request</legend>
      <div className="form-grid">
        <Field label="Client authentication" error={errors.clientAuth} className="span-2">
          {(props) => (
            <select
              {...props}
              className="input"
              value={values.clientAuth}
              onChange={(e) => set('clientAuth', e.target.value as ClientAuthMethod)}
            >
              {CLIENT_AUTH_METHODS.map((method) => (
                <option key={method} value={method}>
                  {label(method)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.clientAuth === 'private_key_jwt' && mode === 'add' && (
          <Field
            label="Key algorithm"
            hint="Keysmith makes the key pair when you add the environment; its private key stays in the OS keychain."
            className="span-2"
          >
            {(props) => (
              <select
                {...props}
                className="input"
                value={values.clientKeyAlg}
                onChange={(e) => set('clientKeyAlg', e.target.value as ClientKeyAlg)}
              >
                {CLIENT_KEY_ALGS.map((alg) => (
                  <option key={alg} value={alg}>
                    {alg === 'ES256' ? 'ES256 (P-256 elliptic curve)' : 'RS256 (RSA 2048)'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <CodeField
          label="Scope"
          hint="Space-separated; left out when empty."
          error={errors.scope}
          value={values.scope}
          onChange={(value) => set('scope', value)}
        />
        <CodeField
          label="Audience"
          hint="Some servers (Auth0) require it."
          error={errors.audience}
          value={values.audience}
          onChange={(value) => set('audience', value)}
        />
        <CodeField
          label="Resources (one per line)"
          hint="RFC 8707 resource indicators; each is sent as its own resource parameter."
          error={errors.resources}
          rows={2}
          value={values.resources}
          onChange={(value) => set('resources', value)}
        />
        <CodeField
          label="Extra token parameters (name=value per line)"
          hint="Sent as form parameters; never put a secret here."
          error={errors.tokenParams}
          rows={2}
          value={values.tokenParams}
          onChange={(value) => set('tokenParams', value)}
        />
      </div>
    </fieldset>
  );
}
