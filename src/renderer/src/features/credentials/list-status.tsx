import { formatClock, formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/**
 * The Credentials tab's line about the list shown: how many, and whether it is live (updated at)
 * or main's snapshot (its age, while refreshing or after a refresh failed).
 */
export function ListStatus({
  shown,
  total,
  loading,
  loadedAt,
  snapshotAt,
}: {
  shown: number;
  total: number;
  loading: boolean;
  loadedAt: number | null;
  snapshotAt: number | null;
}) {
  const now = useNow(30_000);
  const counts = `${shown.toLocaleString()} of ${total.toLocaleString()}`;
  if (snapshotAt !== null) {
    return (
      <span className="muted small" aria-live="polite" data-testid="list-status">
        {counts} ·{' '}
        <span className="snapshot-age" title={`Snapshot of ${formatDateTime(snapshotAt)}`}>
          snapshot from {formatRelative(snapshotAt, now)}
        </span>
        {loading ? ' · refreshing…' : ' · not refreshed'}
      </span>
    );
  }
  return (
    <span className="muted small" aria-live="polite" data-testid="list-status">
      {loading ? 'Loading…' : loadedAt ? `${counts} · updated ${formatClock(loadedAt)}` : ''}
    </span>
  );
}
