import { useCallback, useEffect, useMemo, useState } from 'react';
import { effectiveSkewMs } from '@shared/fleet/clock-skew';
import { ErrorView } from '../../components/error-view';
import { Segmented } from '../../components/segmented';
import type { CredentialView } from '../../lib/domain';
import { useEnvironments } from '../environments/environments-store';
import { subscribeWatchListEvents, useWatchList } from '../jwt/watch-list-store';
import { HygieneView } from './hygiene-view';
import { useFleet } from './fleet-store';
import { SnapshotList } from './snapshot-list';
import { TimelineView } from './timeline-view';
import { useIssuers } from './use-issuers';
import './fleet.css';

const VIEWS = [
  { value: 'snapshots', label: 'Snapshots' },
  { value: 'hygiene', label: 'Hygiene' },
  { value: 'timeline', label: 'Timeline' },
] as const;

type View = (typeof VIEWS)[number]['value'];

/**
 * The Fleet tab: every environment at once, from main's snapshots (no network): what each
 * snapshot holds and how old it is, the hygiene report, and the expiry timeline with reminders.
 */
export function FleetPanel({
  onRotate,
}: {
  onRotate?: (environmentId: string, credential: CredentialView) => void;
}) {
  const [view, setView] = useState<View>('snapshots');
  const environments = useEnvironments((state) => state.environments);
  const selectedId = useEnvironments((state) => state.selectedId);
  const { summaries, fleet, fleetLoading, settings, error, loadFleet, loadSettings, setSettings } =
    useFleet();
  const watched = useWatchList((state) => state.items);
  const loadWatched = useWatchList((state) => state.load);
  useEffect(() => {
    void loadFleet(true);
    void loadSettings();
    void loadWatched();
    return subscribeWatchListEvents();
  }, [loadFleet, loadSettings, loadWatched]);

  const skews = useMemo(
    () =>
      new Map(summaries.map((summary) => [summary.environmentId, effectiveSkewMs(summary.clock)])),
    [summaries],
  );
  const skewOf = useCallback((id: string) => skews.get(id) ?? 0, [skews]);
  const { environmentOfIssuer } = useIssuers();

  return (
    <section aria-labelledby="fleet-heading" className="fleet-panel">
      <div className="panel-toolbar">
        <h2 id="fleet-heading" className="panel-title">
          Fleet
        </h2>
        <Segmented
          label="Fleet view"
          name="fleet-view"
          segments={VIEWS}
          value={view}
          onChange={setView}
        />
        <span className="toolbar-spacer" />
        <span className="muted small">
          From the snapshots Keysmith keeps: nothing is fetched to show this.
        </span>
      </div>
      {error && <ErrorView error={error} />}
      {view === 'snapshots' && <SnapshotList environments={environments} selectedId={selectedId} />}
      {view !== 'snapshots' && (fleet === null || settings === null) && (
        <p className="muted" aria-busy={fleetLoading}>
          Reading the snapshots…
        </p>
      )}
      {view === 'hygiene' && fleet !== null && settings !== null && (
        <HygieneView
          environments={environments}
          fleet={fleet}
          settings={settings}
          skewOf={skewOf}
          onSetThreshold={(activeThreshold) => void setSettings({ activeThreshold })}
          onRotate={onRotate}
        />
      )}
      {view === 'timeline' && fleet !== null && settings !== null && (
        <TimelineView
          environments={environments}
          fleet={fleet}
          watched={watched}
          settings={settings}
          skewOf={skewOf}
          environmentOfIssuer={environmentOfIssuer}
          onSetReminderDays={(reminderDays) => void setSettings({ reminderDays })}
        />
      )}
    </section>
  );
}
