import { Badge } from '../../components/badge';
import { expiryState, formatDate, formatExpiresIn, formatIso } from '../../lib/format';

/** Days before expiry from which a credential is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

/** A credential's expiry: the date, and a badge once it is near or past. */
export function ExpiryCell({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  const state = expiryState(expiresAt, now);
  if (state.kind === 'never') return <span className="muted">never</span>;
  const flagged =
    state.kind === 'expired' || (state.kind === 'expires' && state.days <= EXPIRY_WARNING_DAYS);
  return (
    <span className="expiry" title={`${formatDate(expiresAt)} · ${formatIso(expiresAt)}`}>
      {/* Beside a badge the date is secondary: a narrow table leaves it to the title and details. */}
      <span className={flagged ? 'expiry-date expiry-date-secondary' : 'expiry-date'}>
        {formatDate(expiresAt)}
      </span>
      {state.kind === 'expired' && <Badge tone="danger">expired</Badge>}
      {state.kind === 'expires' && state.days <= EXPIRY_WARNING_DAYS && (
        <Badge tone={state.days <= 7 ? 'danger' : 'warning'}>{formatExpiresIn(state.days)}</Badge>
      )}
    </span>
  );
}
