import { useMemo, useState } from 'react';
import { SafeText } from '../../components/safe-text';
import {
  HYGIENE_CATEGORIES,
  HYGIENE_TITLES,
  hygieneReport,
  type HygieneCategory,
  type HygieneRow,
} from '@shared/fleet/hygiene';
import { hygieneCsv, hygieneMarkdown } from '@shared/fleet/hygiene-export';
import type { FleetSettings, SnapshotCredentials } from '@shared/fleet/snapshot-types';
import { Badge } from '../../components/badge';
import { Segmented } from '../../components/segmented';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { formatDate } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { environmentColour } from '../environments/env-colour';
import { datedFileName, downloadText } from './download';
import { jumpToCredential } from './jump';

/** The most rows shown per view; the exports hold every one. */
const MAX_SHOWN = 500;

type Filter = HygieneCategory | 'all';

/**
 * The hygiene report across environments, from their snapshots: never used, idle, expiring,
 * without expiry, and environments with many active credentials. Each row leads to the
 * credential (with rotate and revoke); the report exports as Markdown or CSV, built here.
 */
export function HygieneView({
  environments,
  fleet,
  settings,
  skewOf,
  onSetThreshold,
  onRotate,
}: {
  environments: readonly EnvironmentView[];
  fleet: readonly SnapshotCredentials[];
  settings: FleetSettings;
  skewOf: (environmentId: string) => number;
  onSetThreshold: (threshold: number) => void;
  onRotate?: (environmentId: string, credential: CredentialView) => void;
}) {
  const now = useNow(60_000);
  const [filter, setFilter] = useState<Filter>('all');
  const report = useMemo(
    () =>
      hygieneReport({
        environments,
        snapshots: fleet,
        now,
        skewOf,
        thresholds: { activeThreshold: settings.activeThreshold },
      }),
    [environments, fleet, now, skewOf, settings.activeThreshold],
  );
  const rows =
    filter === 'all' ? report.rows : report.rows.filter((row) => row.category === filter);
  const colourOf = new Map(environments.map((env) => [env.id, environmentColour(env)]));
  const credentialOf = (row: HygieneRow): CredentialView | undefined =>
    fleet
      .find((list) => list.environmentId === row.environmentId)
      ?.credentials.find((credential) => credential.clientId === row.clientId);

  return (
    <section aria-labelledby="hygiene-title" className="fleet-section">
      <div className="panel-toolbar">
        <h3 id="hygiene-title">Hygiene report</h3>
        <label className="inline-field">
          Many active: more than{' '}
          <input
            className="input fleet-number"
            type="number"
            min={1}
            aria-label="Active credentials threshold"
            defaultValue={settings.activeThreshold}
            onBlur={(event) => {
              const value = Math.round(Number(event.target.value));
              if (value >= 1 && value !== settings.activeThreshold) onSetThreshold(value);
            }}
          />
        </label>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadText(
              datedFileName('keysmith-hygiene', 'md', now),
              hygieneMarkdown(report),
              'text/markdown',
            )
          }
        >
          Export Markdown
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadText(
              datedFileName('keysmith-hygiene', 'csv', now),
              hygieneCsv(report),
              'text/csv',
            )
          }
        >
          Export CSV
        </button>
      </div>
      <Segmented
        label="Finding"
        name="hygiene-category"
        segments={(['all', ...HYGIENE_CATEGORIES] as const).map((category) => ({
          value: category,
          label:
            category === 'all'
              ? `All (${report.rows.length})`
              : `${HYGIENE_TITLES[category]} (${report.counts[category]})`,
        }))}
        value={filter}
        onChange={setFilter}
      />
      {report.withoutSnapshot.length > 0 && (
        <p className="muted small">
          Not included, never listed: {report.withoutSnapshot.map((env) => env.name).join(', ')}.
          Open their Credentials tab or refresh their snapshot.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">Nothing to report here.</p>
      ) : (
        <table className="fleet-table" aria-label="Hygiene findings">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Environment</th>
              <th scope="col">Credential</th>
              <th scope="col">Expires</th>
              <th scope="col">Detail</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_SHOWN).map((row, index) => (
              <tr
                key={`${row.category}:${row.environmentId}:${row.clientId ?? index}`}
                data-category={row.category}
              >
                <td>
                  <Badge
                    tone={
                      row.category === 'expired' || row.category === 'expiring'
                        ? 'danger'
                        : 'warning'
                    }
                  >
                    {HYGIENE_TITLES[row.category]}
                  </Badge>
                </td>
                <td>
                  <span
                    className="swatch"
                    style={{ background: colourOf.get(row.environmentId) }}
                    aria-hidden="true"
                  />{' '}
                  <SafeText text={row.environmentName} />
                </td>
                <td>
                  {row.clientId === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <SafeText text={row.name ?? ''} />
                      <span className="mono small fleet-client-id" title={row.clientId}>
                        {row.clientId}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  {row.clientId === null
                    ? ''
                    : row.expiresAt === null
                      ? 'never'
                      : formatDate(row.expiresAt)}
                </td>
                <td>{row.detail}</td>
                <td className="fleet-actions">
                  {row.clientId !== null && (
                    <>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Show ${row.clientId} in ${row.environmentName}`}
                        onClick={() => void jumpToCredential(row.environmentId, row.clientId!)}
                      >
                        Show
                      </button>
                      {onRotate && (
                        <button
                          type="button"
                          className="button"
                          aria-label={`Rotate ${row.clientId} in ${row.environmentName}`}
                          onClick={() => {
                            const credential = credentialOf(row);
                            if (credential)
                              void jumpToCredential(row.environmentId, row.clientId!).then(() =>
                                onRotate(row.environmentId, credential),
                              );
                          }}
                        >
                          Rotate…
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > MAX_SHOWN && (
        <p className="muted small">
          {(rows.length - MAX_SHOWN).toLocaleString()} more in the exports.
        </p>
      )}
    </section>
  );
}
