import { useMemo } from 'react';
import { SafeText } from '../../components/safe-text';
import type { WatchedToken } from '@shared/domain';
import type { FleetSettings, SnapshotCredentials } from '@shared/fleet/snapshot-types';
import {
  expiryTimeline,
  TIMELINE_BUCKETS,
  TIMELINE_TITLES,
  type TimelineEntry,
} from '@shared/fleet/timeline';
import { Badge } from '../../components/badge';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { environmentColour } from '../environments/env-colour';
import { jumpToCredential } from './jump';

/** The most entries shown per period; the rest are counted. */
const MAX_PER_BUCKET = 200;

/**
 * Every credential expiry and pinned token across environments on one timeline, soonest first,
 * grouped by period; each time on this computer's clock (server times moved by their skew).
 * The reminder lead time for credentials is set here; pinned tokens keep their own.
 */
export function TimelineView({
  environments,
  fleet,
  watched,
  settings,
  skewOf,
  environmentOfIssuer,
  onSetReminderDays,
}: {
  environments: readonly EnvironmentView[];
  fleet: readonly SnapshotCredentials[];
  watched: readonly WatchedToken[];
  settings: FleetSettings;
  skewOf: (environmentId: string) => number;
  environmentOfIssuer: (issuer: string | null) => string | null;
  onSetReminderDays: (days: number) => void;
}) {
  const now = useNow(60_000);
  const entries = useMemo(
    () => expiryTimeline({ snapshots: fleet, watched, now, skewOf, environmentOfIssuer }),
    [fleet, watched, now, skewOf, environmentOfIssuer],
  );
  const byId = new Map(environments.map((env) => [env.id, env]));
  const describe = (entry: TimelineEntry) => {
    const environment = entry.environmentId === null ? undefined : byId.get(entry.environmentId);
    return (
      <li
        key={
          entry.kind === 'token'
            ? `t:${entry.watchId}`
            : `c:${entry.environmentId}:${entry.clientId}`
        }
        data-kind={entry.kind}
      >
        <span className="fleet-when" title={formatDateTime(entry.at)}>
          {formatDateTime(entry.at)}{' '}
          <span className="muted">({formatRelative(entry.at, now)})</span>
        </span>{' '}
        {environment && (
          <>
            <span
              className="swatch"
              style={{ background: environmentColour(environment) }}
              aria-hidden="true"
            />{' '}
            <SafeText text={environment.name} />{' '}
          </>
        )}
        {entry.kind === 'token' ? (
          <>
            <Badge tone="info">Pinned token</Badge> <strong>{entry.label}</strong>{' '}
            {entry.issuer && <span className="muted small">{entry.issuer}</span>}
          </>
        ) : (
          <>
            <Badge tone="neutral">Credential</Badge>{' '}
            <strong>
              <SafeText text={entry.name} />
            </strong>{' '}
            <button
              type="button"
              className="link-button mono small"
              aria-label={`Show ${entry.clientId} in ${environment?.name ?? 'its environment'}`}
              onClick={() => void jumpToCredential(entry.environmentId, entry.clientId)}
            >
              {entry.clientId}
            </button>
          </>
        )}
      </li>
    );
  };
  return (
    <section aria-labelledby="timeline-title" className="fleet-section">
      <div className="panel-toolbar">
        <h3 id="timeline-title">Expiry timeline</h3>
        <label className="inline-field">
          Remind me{' '}
          <input
            className="input fleet-number"
            type="number"
            min={0}
            max={365}
            aria-label="Reminder lead time in days"
            defaultValue={settings.reminderDays}
            onBlur={(event) => {
              const value = Math.round(Number(event.target.value));
              if (value >= 0 && value <= 365 && value !== settings.reminderDays)
                onSetReminderDays(value);
            }}
          />{' '}
          days before a credential expires (0: never)
        </label>
      </div>
      {entries.length === 0 && (
        <p className="muted">No credential expiry or pinned token to show.</p>
      )}
      {TIMELINE_BUCKETS.map((bucket) => {
        const inBucket = entries.filter((entry) => entry.bucket === bucket);
        if (inBucket.length === 0) return null;
        return (
          <section key={bucket} aria-label={TIMELINE_TITLES[bucket]} className="fleet-bucket">
            <h4>
              {TIMELINE_TITLES[bucket]}{' '}
              <span className="muted">({inBucket.length.toLocaleString()})</span>
            </h4>
            <ul className="fleet-timeline">{inBucket.slice(0, MAX_PER_BUCKET).map(describe)}</ul>
            {inBucket.length > MAX_PER_BUCKET && (
              <p className="muted small">
                {(inBucket.length - MAX_PER_BUCKET).toLocaleString()} more.
              </p>
            )}
          </section>
        );
      })}
    </section>
  );
}
