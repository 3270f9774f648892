import { useEffect, useState } from 'react';
import type { PublicClientKeyView } from '@shared/domain';
import { CLIENT_KEY_ALGS, type ClientKeyAlg } from '@shared/environment';
import type { AppError } from '@shared/errors';
import { CopyButton } from '../../components/copy-button';
import { ErrorView } from '../../components/error-view';
import { formatDateTime } from '../../lib/format';
import { invoke } from '../../lib/ipc';

/** Copies public text (a JWK, a certificate) through main. */
const copyText = (text: string) => invoke('clipboard:write-text', { text });

/** The public key of a client, and what to register with the server: JWK, JWKS or certificate. */
function PublicKey({ publicKey }: { publicKey: PublicClientKeyView }) {
  const jwk = JSON.stringify(publicKey.jwk, null, 2);
  return (
    <>
      <dl className="facts">
        <dt>Key ID (kid)</dt>
        <dd className="mono">{publicKey.kid}</dd>
        <dt>Algorithm</dt>
        <dd>{publicKey.alg}</dd>
        <dt>Made</dt>
        <dd>{formatDateTime(publicKey.createdAt)}</dd>
        <dt>Certificate valid until</dt>
        <dd>{formatDateTime(publicKey.certificateExpiresAt)}</dd>
        <dt>x5t#S256</dt>
        <dd className="mono">{publicKey.x5tS256}</dd>
      </dl>
      <pre className="input mono" aria-label="Public JWK" tabIndex={0}>
        {jwk}
      </pre>
      <div className="button-row" role="group" aria-label="Copy the public key">
        <CopyButton label="Copy public JWK" copy={() => copyText(jwk)} />
        <CopyButton
          label="Copy as JWKS"
          copy={() => copyText(JSON.stringify({ keys: [publicKey.jwk] }, null, 2))}
        />
        <CopyButton
          label="Copy certificate (PEM)"
          copy={() => copyText(publicKey.certificatePem)}
        />
      </div>
    </>
  );
}

/**
 * The private_key_jwt key of a client: its public half to register with the server (copied
 * through main), and "Generate key" (ES256 or RS256). The private half never leaves main.
 */
export function ClientKeyPanel({
  environmentId,
  clientId,
}: {
  environmentId: string;
  clientId: string;
}) {
  const [key, setKey] = useState<PublicClientKeyView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [alg, setAlg] = useState<ClientKeyAlg>('ES256');
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('client-keys:get', { environmentId, clientId }).then((result) => {
      if (!live) return;
      setLoaded(true);
      if (result.ok) setKey(result.value.key);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [environmentId, clientId]);

  const generate = async () => {
    setBusy(true);
    setError(null);
    const result = await invoke('client-keys:generate', { environmentId, clientId, alg });
    setBusy(false);
    setReplacing(false);
    if (result.ok) setKey(result.value);
    else if (result.error.kind !== 'cancelled') setError(result.error);
  };

  return (
    <section className="client-key" aria-label={`Client key of ${clientId}`}>
      <p className="field-hint">
        Register this public key (or the certificate, for Microsoft Entra ID) with the server for
        the client <span className="mono">{clientId}</span>. Keysmith signs each token request with
        the private key, which stays in the OS keychain.
      </p>
      {loaded && key === null && <p>No key for {clientId} yet.</p>}
      {key && <PublicKey publicKey={key} />}
      {replacing && (
        <p className="callout callout-warning" role="status">
          A new key replaces this one for good: the server rejects {clientId} until you register the
          new public key.
        </p>
      )}
      {(key === null || replacing) && loaded && (
        <div className="button-row">
          <label className="inline-check">
            Key algorithm
            <select
              className="input"
              value={alg}
              onChange={(e) => setAlg(e.target.value as ClientKeyAlg)}
            >
              {CLIENT_KEY_ALGS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void generate()}
          >
            {busy ? 'Generating…' : 'Generate key'}
          </button>
          {replacing && (
            <button type="button" className="button" onClick={() => setReplacing(false)}>
              Keep the current key
            </button>
          )}
        </div>
      )}
      {key && !replacing && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setReplacing(true)}>
            Replace key…
          </button>
        </div>
      )}
      {error && <ErrorView error={error} compact />}
    </section>
  );
}
