import { useEffect, useId } from 'react';
import { formatDateTime, formatIso } from '../../lib/format';
import { ErrorView } from '../../components/error-view';
import { useEnvironments } from '../environments/environments-store';
import { useActivity } from './activity-store';
import { ChainStatus } from './chain-status';
import './activity.css';
import { safeLabel } from '../../components/safe-text';

/** The Activity tab: the keyed (HMAC) audit log, newest first, filterable by environment. */
export function ActivityPanel() {
  const {
    entries,
    environmentId,
    verification,
    loading,
    error,
    verifyError,
    load,
    setEnvironment,
  } = useActivity();
  const environments = useEnvironments((state) => state.environments);
  const filterId = useId();
  useEffect(() => {
    void load();
  }, [load]);
  const nameOf = (id: string | null | undefined) =>
    id ? safeLabel(environments.find((env) => env.id === id)?.name ?? id) : '—';

  return (
    <section className="activity-panel" aria-labelledby="activity-heading">
      <div className="panel-toolbar">
        <h2 id="activity-heading" className="panel-title">
          Activity
        </h2>
        <label htmlFor={filterId} className="small muted">
          Environment
        </label>
        <select
          id={filterId}
          className="input input-inline"
          value={environmentId ?? ''}
          onChange={(event) => void setEnvironment(event.target.value || null)}
        >
          <option value="">All environments</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {safeLabel(env.name)}
            </option>
          ))}
        </select>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          disabled={loading}
          aria-busy={loading}
          onClick={() => void load()}
        >
          Refresh
        </button>
      </div>
      <ChainStatus verification={verification} error={verifyError} />
      {error && <ErrorView error={error} onRetry={() => void load()} />}
      {entries.length === 0 && !loading && !error && (
        <p className="muted">No activity recorded yet.</p>
      )}
      {entries.length > 0 && (
        <div
          className="table-scroll table-scroll-plain"
          tabIndex={0}
          role="region"
          aria-label="Audit log entries"
        >
          <table className="log-table" aria-label="Audit log, newest first">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Environment</th>
                <th scope="col">Action</th>
                <th scope="col">client_id</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.seq}-${entry.at}`}>
                  <td title={formatIso(entry.at)} className="nowrap">
                    {formatDateTime(entry.at)}
                  </td>
                  <td>{nameOf(entry.environmentId)}</td>
                  <td className="mono">{entry.action}</td>
                  <td className="mono">{entry.clientId ?? ''}</td>
                  <td className="small">
                    {[
                      entry.outcome,
                      entry.instance ? `instance ${entry.instance}` : null,
                      entry.idempotencyKey ? `key ${entry.idempotencyKey}` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
