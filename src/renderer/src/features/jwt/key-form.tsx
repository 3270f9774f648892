import type { KeyDescription } from '@shared/jwt';
import { Badge } from '../../components/badge';
import { Field } from '../../components/field';
import { FetchKeys } from './fetch-keys';
import { useJwt, type KeyKind } from './jwt-store';

const KEY_KINDS: readonly { value: KeyKind; label: string }[] = [
  { value: 'secret', label: 'HMAC secret' },
  { value: 'pem', label: 'PEM (public key or certificate)' },
  { value: 'jwk', label: 'JWK' },
  { value: 'jwks', label: 'JWKS (key set)' },
];

/** Which key did the work, in words. */
function keyLabel(key: KeyDescription | undefined): string {
  return key ? `${key.label}${key.matchedBy ? ` (matched by ${key.matchedBy})` : ''}` : '';
}

/** The key fields, a JWKS download through main, and the verify / decrypt button with its verdict. */
export function KeyForm({ encrypted }: { encrypted: boolean }) {
  const state = useJwt();
  const verification = state.verification?.token === state.input ? state.verification.result : null;
  const decryption = state.decryption?.token === state.input ? state.decryption.result : null;
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
        onClick={() => void (encrypted ? state.decrypt() : state.verify())}
      >
        {encrypted ? 'Decrypt' : 'Verify signature'}
      </button>
      {verification && (
        <div role="status" aria-label="Signature verdict" className="jwt-verdict">
          {verification.valid ? (
            <>
              <Badge tone="ok">Signature valid</Badge> {verification.algorithm} with{' '}
              {keyLabel(verification.key)}.
              {!verification.claimsValid && (
                <p>
                  <Badge tone="warning">Claims do not hold</Badge>{' '}
                  {verification.claimIssues.map((issue) => issue.message).join(' ')}
                </p>
              )}
            </>
          ) : (
            <>
              <Badge tone="danger">Signature invalid</Badge> {verification.reason}
            </>
          )}
        </div>
      )}
      {decryption && (
        <div role="status" aria-label="Decryption verdict" className="jwt-verdict">
          {decryption.ok ? (
            <>
              <Badge tone="ok">Decrypted</Badge> {decryption.algorithm} / {decryption.encryption}{' '}
              with {keyLabel(decryption.key)}.
            </>
          ) : (
            <>
              <Badge tone="danger">Not decrypted</Badge> {decryption.reason}
            </>
          )}
        </div>
      )}
    </section>
  );
}
