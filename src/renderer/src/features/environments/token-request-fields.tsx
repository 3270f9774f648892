import {
  CLIENT_AUTH_METHODS,
  CLIENT_KEY_ALGS,
  type ClientAuthMethod,
  type ClientKeyAlg,
} from '@shared/environment';
import { Field } from '../../components/field';
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
        <Field label="Scope" hint="Space-separated; left out when empty." error={errors.scope}>
          {(props) => (
            <input
              {...props}
              className="input mono"
              spellCheck={false}
              value={values.scope}
              onChange={(e) => set('scope', e.target.value)}
            />
          )}
        </Field>
        <Field label="Audience" hint="Some servers (Auth0) require it." error={errors.audience}>
          {(props) => (
            <input
              {...props}
              className="input mono"
              spellCheck={false}
              value={values.audience}
              onChange={(e) => set('audience', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Resources (one per line)"
          hint="RFC 8707 resource indicators; each is sent as its own resource parameter."
          error={errors.resources}
        >
          {(props) => (
            <textarea
              {...props}
              className="input mono"
              rows={2}
              spellCheck={false}
              value={values.resources}
              onChange={(e) => set('resources', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Extra token parameters (name=value per line)"
          hint="Sent as form parameters; never put a secret here."
          error={errors.tokenParams}
        >
          {(props) => (
            <textarea
              {...props}
              className="input mono"
              rows={2}
              spellCheck={false}
              value={values.tokenParams}
              onChange={(e) => set('tokenParams', e.target.value)}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
