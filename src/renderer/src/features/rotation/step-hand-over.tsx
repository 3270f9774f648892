import { useState } from 'react';
import type { Rotation } from '@shared/rotation';
import { handOverSnippet, type SnippetFormat } from '@shared/rotation-snippets';
import { CopyButton } from '../../components/copy-button';
import { ErrorView } from '../../components/error-view';
import { copyText } from '../../lib/clipboard';
import type { EnvironmentView } from '../../lib/domain';
import { useCredentials } from '../credentials/credentials-store';
import { useRotation } from './rotation-store';
import { tokenUrlOf } from '@shared/environment';
import { SafeText } from '../../components/safe-text';

const FORMATS: readonly { format: SnippetFormat; label: string }[] = [
  { format: 'env', label: '.env' },
  { format: 'json', label: 'JSON' },
];

/**
 * (d) Hands the new credential over: its client_id, the secret copied through main (cleared from
 * the clipboard after 30 s), and snippets whose on-screen text holds a placeholder, never the secret.
 */
export function StepHandOver({
  environment,
  rotation,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
}) {
  const { busy, stepError, run, copySnippet } = useRotation();
  const copySecret = useCredentials((state) => state.copySecret);
  const [confirmed, setConfirmed] = useState(false);
  const error = stepError?.action === 'rotation:hand-over' ? stepError.error : null;
  const clientId = rotation.newClientId ?? '';
  const target = { environmentId: environment.id, rotationId: rotation.id };
  const input = {
    environmentName: environment.name,
    credentialName: rotation.replacement.name,
    tokenUrl: tokenUrlOf(environment),
    clientId,
    clientSecret: null,
  };
  return (
    <section className="rotation-step" aria-labelledby="step-hand-over-heading">
      <h3 id="step-hand-over-heading">Hand the new credential over to your apps</h3>
      <p className="callout callout-warning">
        Never paste a client secret into a ticket, a chat, an e-mail or a repository. Put it
        straight into your secret manager or your deployment&apos;s configuration. Copies go through
        Keysmith, which clears the clipboard after 30 seconds.
      </p>
      <dl className="capture-facts">
        <dt>client_id</dt>
        <dd className="capture-value">
          <code data-testid="hand-over-client-id">{clientId}</code>
          <CopyButton label="Copy new client_id" copy={() => copyText(clientId)} />
        </dd>
        <dt>client_secret</dt>
        <dd className="capture-value">
          <span className="muted">In the OS keychain, never shown here.</span>
          <CopyButton label="Copy new secret" copy={() => copySecret(environment.id, clientId)} />
        </dd>
      </dl>
      {FORMATS.map(({ format, label }) => (
        <figure key={format} className="snippet">
          <figcaption>{label} snippet</figcaption>
          <pre className="snippet-text" aria-label={`${label} snippet`} tabIndex={0}>
            {handOverSnippet(format, input)}
          </pre>
          <div className="button-row">
            <CopyButton
              label={`Copy ${label} snippet`}
              copy={() => copySnippet({ ...target, format, withSecret: false })}
            />
            <CopyButton
              label={`Copy ${label} snippet with the secret`}
              copy={() => copySnippet({ ...target, format, withSecret: true })}
            />
          </div>
        </figure>
      ))}
      <label className="check check-strong">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        I have given the new credential to every app that used <SafeText text={rotation.old.name} />
      </label>
      {error && <ErrorView error={error} onRetry={() => void run('rotation:hand-over')} />}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!confirmed || busy !== null}
          aria-busy={busy === 'rotation:hand-over'}
          onClick={() => void run('rotation:hand-over')}
        >
          Continue to watching the old key
        </button>
      </div>
    </section>
  );
}
