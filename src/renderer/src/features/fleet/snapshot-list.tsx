import type { AppError } from '@shared/errors';
import { SafeText } from '../../components/safe-text';
import { describeSkew, effectiveSkewMs } from '@shared/fleet/clock-skew';
import type { SnapshotSummary } from '@shared/fleet/snapshot-types';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { ErrorView } from '../../components/error-view';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { environmentColour, KIND_LABELS } from '../environments/env-colour';
import { useFleet } from './fleet-store';

/** A snapshot part's age in words, with the exact time on hover. */
function Age({ at, now }: { at: number; now: number }) {
  return <span title={formatDateTime(at)}>{formatRelative(at, now)}</span>;
}

/** One environment's row: its list, keys, clock, and a refresh on request. */
function SnapshotRow({
  environment,
  summary,
  now,
  selected,
}: {
  environment: EnvironmentView;
  summary: SnapshotSummary | undefined;
  now: number;
  selected: boolean;
}) {
  const refresh = useFleet((state) => state.refresh);
  const busy = useFleet((state) => state.refreshing.has(environment.id));
  const [errors, setErrors] = useState<readonly AppError[]>([]);
  const run = async () => {
    setErrors([]);
    const result = await refresh(environment.id);
    if (!result.ok) return setErrors(result.error.kind === 'cancelled' ? [] : [result.error]);
    const { credentialsError, jwksError } = result.value;
    setErrors([credentialsError, jwksError].filter((error): error is AppError => !!error));
  };
  const credentials = summary?.credentials ?? null;
  const jwks = summary?.jwks ?? null;
  const clock = summary?.clock ?? null;
  return (
    <tr aria-current={selected ? 'true' : undefined} data-environment-id={environment.id}>
      <th scope="row">
        <span
          className="swatch"
          style={{ background: environmentColour(environment) }}
          aria-hidden="true"
        />{' '}
        <SafeText text={environment.name} />{' '}
        <span className="muted small">{KIND_LABELS[environment.kind]}</span>
      </th>
      <td>
        {credentials ? (
          <>
            {credentials.count.toLocaleString()} ({credentials.active.toLocaleString()} active
            {credentials.truncated ? ', list cut short' : ''}),{' '}
            <Age at={credentials.fetchedAt} now={now} />
          </>
        ) : (
          <span className="muted">never listed</span>
        )}
      </td>
      <td>
        {jwks ? (
          <>
            <span className="mono">{jwks.kids.join(', ') || '(keys without kid)'}</span>,{' '}
            <Age at={jwks.fetchedAt} now={now} />
            {jwks.rotation && (
              <div>
                <Badge tone="warning">Key rotation</Badge>{' '}
                <span className="small">
                  {formatDateTime(jwks.rotation.at)}:
                  {jwks.rotation.gained.length > 0 && ` gained ${jwks.rotation.gained.join(', ')}`}
                  {jwks.rotation.gained.length > 0 && jwks.rotation.lost.length > 0 && ';'}
                  {jwks.rotation.lost.length > 0 && ` lost ${jwks.rotation.lost.join(', ')}`}
                </span>
              </div>
            )}
          </>
        ) : (
          <span className="muted">not fetched</span>
        )}
      </td>
      <td>
        {clock === null ? (
          <span className="muted">not measured</span>
        ) : effectiveSkewMs(clock) === 0 ? (
          <span title={`Offset ${Math.round(clock.offsetMs / 1000)} s`}>in step</span>
        ) : (
          <Badge tone="warning">{describeSkew(clock.offsetMs)}</Badge>
        )}
      </td>
      <td>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-busy={busy}
          aria-label={`Refresh the snapshot of ${environment.name}`}
          onClick={() => void run()}
        >
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
        {errors.map((error, index) => (
          <ErrorView key={index} error={error} compact />
        ))}
      </td>
    </tr>
  );
}

/**
 * Every environment's snapshot: when its credentials were last listed, its keys last fetched
 * (and any rotation seen), its server's clock. Refreshed only when the person asks here, or as
 * each environment is used.
 */
export function SnapshotList({
  environments,
  selectedId,
}: {
  environments: readonly EnvironmentView[];
  selectedId: string | null;
}) {
  const summaries = useFleet((state) => state.summaries);
  const now = useNow(30_000);
  return (
    <table className="fleet-table" aria-label="Environment snapshots">
      <thead>
        <tr>
          <th scope="col">Environment</th>
          <th scope="col">Credentials</th>
          <th scope="col">Keys (kid)</th>
          <th scope="col">Server clock</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {environments.map((environment) => (
          <SnapshotRow
            key={environment.id}
            environment={environment}
            summary={summaries.find((summary) => summary.environmentId === environment.id)}
            now={now}
            selected={environment.id === selectedId}
          />
        ))}
      </tbody>
    </table>
  );
}
