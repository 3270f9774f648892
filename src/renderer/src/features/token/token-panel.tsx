import { useEffect, useState } from 'react';
import type { AppError } from '@shared/errors';
import { Badge, type BadgeTone } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import type { EnvironmentView, TokenStatus } from '../../lib/domain';
import { formatDateTime, formatIso } from '../../lib/format';
import { invoke } from '../../lib/ipc';
import { ErrorView } from '../../components/error-view';
import { useSelectedEnvironment } from '../environments/environments-store';
import { ClaimsTable } from './claims-table';
import { RequestSummary } from './request-summary';
import { TokenCountdown } from './token-countdown';
import { useToken } from './token-store';
import './token.css';

const STATUS: Record<TokenStatus, { label: string; tone: BadgeTone }> = {
  none: { label: 'No token yet', tone: 'neutral' },
  valid: { label: 'Valid', tone: 'ok' },
  expiring: { label: 'Expiring soon', tone: 'warning' },
  expired: { label: 'Expired', tone: 'danger' },
  error: { label: 'Error', tone: 'danger' },
};

/**
 * The raw token, shown only on an explicit request (confirmed in main's own window in production)
 * and gone when the panel unmounts (tab change).
 */
function RevealToken({ environment }: { environment: EnvironmentView }) {
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    const result = await invoke('token:reveal', { environmentId: environment.id });
    setBusy(false);
    if (result.ok) setToken(result.value.accessToken);
    // A "no" in main's confirmation window (production) leaves things as they were: no alert.
    else if (result.error.kind !== 'cancelled') setError(result.error);
  };
  return (
    <div className="reveal">
      <button
        type="button"
        className="button"
        aria-pressed={token !== null}
        disabled={busy}
        onClick={() => (token === null ? void reveal() : setToken(null))}
      >
        {token === null ? 'Reveal token' : 'Hide token'}
      </button>
      {token !== null && (
        <pre className="token-raw" aria-label="Access token value" tabIndex={0}>
          {token}
        </pre>
      )}
      {error && <ErrorView error={error} compact />}
    </div>
  );
}

/** The Token tab: the environment's access token state, countdown, renew, copy and decoded claims. */
export function TokenPanel() {
  const environment = useSelectedEnvironment();
  const { token, loading, renewing, error, lastEvent, load, renew, setAutoRenew, copyToken } =
    useToken();
  const environmentId = environment?.id ?? null;
  useEffect(() => {
    if (environmentId) void load(environmentId);
  }, [environmentId, load]);

  if (!environment) {
    return (
      <section className="empty-state">
        <h2>No environment</h2>
        <p>Add an environment to get an access token for it.</p>
      </section>
    );
  }
  const status = token ? STATUS[token.status] : null;
  const hasToken = token !== null && token.status !== 'none' && token.expiresAt !== undefined;
  return (
    <section className="token-panel" aria-labelledby="token-heading">
      <div className="panel-toolbar">
        <h2 id="token-heading" className="panel-title">
          Access token
        </h2>
        {status && <Badge tone={status.tone}>{status.label}</Badge>}
        {loading && <span className="muted small">Loading…</span>}
        <span className="toolbar-spacer" />
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={token?.autoRenew ?? false}
            disabled={!token}
            onChange={(event) => void setAutoRenew(event.target.checked)}
          />
          Auto-renew before expiry
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={renewing}
          aria-busy={renewing}
          onClick={() => void renew()}
        >
          {renewing ? 'Renewing…' : hasToken ? 'Renew now' : 'Get token'}
        </button>
      </div>
      {lastEvent && (
        <p className="notice" role="status">
          {lastEvent.kind === 'renewed' ? 'Token renewed' : 'Token expiring soon'} at{' '}
          {formatDateTime(lastEvent.at)}.
        </p>
      )}
      {error && <ErrorView error={error} onRetry={() => void renew()} />}
      {token?.error && !error && <ErrorView error={token.error} onRetry={() => void renew()} />}
      {hasToken && token.expiresAt !== undefined && (
        <div className="token-summary">
          <TokenCountdown obtainedAt={token.obtainedAt} expiresAt={token.expiresAt} />
          <dl className="facts">
            <dt>Obtained</dt>
            <dd title={formatIso(token.obtainedAt)}>{formatDateTime(token.obtainedAt)}</dd>
            <dt>Expires</dt>
            <dd title={formatIso(token.expiresAt)}>{formatDateTime(token.expiresAt)}</dd>
            <dt>Type</dt>
            <dd>{token.tokenType ?? 'Bearer'}</dd>
            {token.scope && (
              <>
                <dt>Scope</dt>
                <dd className="mono">{token.scope}</dd>
              </>
            )}
            <dt>client_id</dt>
            <dd className="mono">{environment.activeClientId ?? '—'}</dd>
          </dl>
        </div>
      )}
      {token?.status === 'none' && !loading && (
        <p className="muted">
          Keysmith has no token for {environment.name} yet. “Get token” exchanges the stored
          credential for one.
        </p>
      )}
      {hasToken && (
        <>
          <div className="button-row" role="group" aria-label="Copy token">
            <CopyButton
              label="Copy as Authorization header"
              copy={() => copyToken(environment.id, 'authorization-header')}
            />
            <CopyButton label="Copy as curl" copy={() => copyToken(environment.id, 'curl')} />
          </div>
          <RevealToken key={environment.id} environment={environment} />
          <div className="claims-grid">
            {token.header && <ClaimsTable caption="Header" part="header" values={token.header} />}
            {token.claims && <ClaimsTable caption="Claims" part="claims" values={token.claims} />}
          </div>
          <p className="muted small">
            Decoded for display only: the signature is not checked here. The JWT tab verifies
            tokens.
          </p>
        </>
      )}
      {token?.request && <RequestSummary request={token.request} />}
    </section>
  );
}
