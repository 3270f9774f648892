import { Field } from '../../components/field';
import { FetchKeys } from './fetch-keys';
import { useJwt, type KeyKind } from './jwt-store';

const KEY_KINDS: readonly { value: KeyKind; label: string }[] = [
  { value: 'secret', label: 'HMAC secret' },
  { value: 'pem', label: 'PEM (public key or certificate)' },
  { value: 'jwk', label: 'JWK' },
  { value: 'jwks', label: 'JWKS (key set)' },
];

/** The key fields, a JWKS download through main, and the verify / decrypt button (the verdict is beside it). */
export function KeyForm({ encrypted }: { encrypted: boolean }) {
  const state = useJwt();
  return (
    <section aria-labelledby="jwt-key-title" className="jwt-section">
      <h3 id="jwt-key-title">{encrypted ? 'Decrypt' : 'Verify the signature'}</h3>
      <div className="jwt-key-row">
        <Field label="Key type" className="inline-field">
          {(field) => (
            <select
              {...field}
              className="input"
              value={state.keyKind}
              onChange={(event) => state.setKey({ keyKind: event.target.value as KeyKind })}
            >
              {KEY_KINDS.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {state.keyKind === 'secret' && (
          <Field label="Secret encoding" className="inline-field">
            {(field) => (
              <select
                {...field}
                className="input"
                value={state.secretEncoding}
                onChange={(event) =>
                  state.setKey({
                    secretEncoding: event.target.value as typeof state.secretEncoding,
                  })
                }
              >
                <option value="text">Text (UTF-8)</option>
                <option value="base64">Base64</option>
                <option value="base64url">Base64url</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label="Key" className="stacked-field">
        {(field) => (
          <textarea
            {...field}
            className="input mono"
            rows={4}
            spellCheck={false}
            value={state.keyValue}
            onChange={(event) => state.setKey({ keyValue: event.target.value })}
            placeholder={
              state.keyKind === 'secret'
                ? 'The shared secret'
                : state.keyKind === 'pem'
                  ? '-----BEGIN PUBLIC KEY-----'
                  : '{ "kty": … }'
            }
          />
        )}
      </Field>
      <FetchKeys />
      <button
        type="button"
        className="button button-primary"
        disabled={state.verifying || state.keyValue.trim() === ''}
        aria-busy={state.verifying}
        onClick={() => void (encrypted ? state.decrypt() : state.verify())}
      >
        {encrypted ? 'Decrypt' : 'Verify signature'}
      </button>
    </section>
  );
}
