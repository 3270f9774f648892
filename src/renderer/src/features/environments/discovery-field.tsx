import { Fragment, useState } from 'react';
import type { DiscoveryResult } from '@shared/domain';
import type { AppError } from '@shared/errors';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import type { EnvironmentKind } from '../../lib/domain';
import { invoke } from '../../lib/ipc';

/** What the server's metadata named, as a short list the person can check before saving. */
function FoundList({ result }: { result: Extract<DiscoveryResult, { found: true }> }) {
  const { server } = result;
  const rows: [string, string][] = [
    [
      'Metadata',
      `${server.metadataUrl} (${server.source === 'rfc8414' ? 'RFC 8414' : 'OpenID Connect'})`,
    ],
    ['Token endpoint', server.tokenEndpoint ?? 'none named'],
    ['JWKS', server.jwksUri ?? 'none named'],
    [
      'Registration endpoint',
      server.registrationEndpoint ?? 'none (no Dynamic Client Registration)',
    ],
    ['Client authentication', server.tokenEndpointAuthMethods.join(', ') || 'not listed'],
    ['Grant types', server.grantTypes.join(', ') || 'not listed'],
    ['Scopes', server.scopes.join(' ') || 'not listed'],
  ];
  return (
    <div className="discovery-found" role="status" aria-label="What discovery found">
      <p>
        Found the metadata of <span className="mono">{server.issuer}</span>. The fields below are
        filled in from it; change any of them if you need to.
      </p>
      <dl className="facts">
        {rows.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd className="mono">{value}</dd>
          </Fragment>
        ))}
      </dl>
      {server.notes.map((note) => (
        <p key={note} className="callout callout-warning">
          {note}
        </p>
      ))}
    </div>
  );
}

/** The issuer and its Discover action: main reads the server's metadata and the form fills in. */
export function DiscoveryField({
  issuer,
  kind,
  error,
  onChange,
  onDiscovered,
}: {
  issuer: string;
  kind: EnvironmentKind;
  error?: string;
  onChange: (issuer: string) => void;
  onDiscovered: (result: Extract<DiscoveryResult, { found: true }>) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DiscoveryResult | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const discover = async () => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    const answer = await invoke('environments:discover', { issuer: issuer.trim(), kind });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.error);
    setResult(answer.value);
    if (answer.value.found) onDiscovered(answer.value);
  };
  const fieldError =
    error ?? (failure?.kind === 'validation' ? failure.errors[0]?.detail : undefined);
  return (
    <div className="span-2 discovery">
      <div className="discovery-row">
        <Field
          label="Issuer"
          hint="The authorization server's issuer URL, e.g. https://auth.example.com/realms/payments."
          error={fieldError}
          className="discovery-issuer"
        >
          {(props) => (
            <input
              {...props}
              className="input mono"
              type="url"
              spellCheck={false}
              value={issuer}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          className="button"
          disabled={busy || issuer.trim() === ''}
          aria-busy={busy}
          onClick={() => void discover()}
        >
          {busy ? 'Discovering…' : 'Discover'}
        </button>
      </div>
      {busy && (
        <p className="muted small" role="status">
          Reading the server’s metadata (RFC 8414, then OpenID Connect discovery)…
        </p>
      )}
      {result?.found === true && <FoundList result={result} />}
      {result?.found === false && (
        <p className="callout callout-info" role="status">
          No metadata: {result.message}
        </p>
      )}
      {failure && failure.kind !== 'validation' && <ErrorView error={failure} compact />}
    </div>
  );
}
