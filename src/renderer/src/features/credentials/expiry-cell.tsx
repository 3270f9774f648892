import { Badge } from '../../components/badge';
import { expiryState, formatDate, formatExpiresIn, formatIso } from '../../lib/format';

/** Days before expiry from which a credential is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

/** A credential's expiry: the date, and a badge once it is near or past. */
export function ExpiryCell({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  const state = expiryState(expiresAt, now);
  if (state.kind === 'never') return <span className="muted">never</span>;
  return (
    <span className="expiry" title={formatIso(expiresAt)}>
      <span>{formatDate(expiresAt)}</span>
      {state.kind === 'expired' && <Badge tone="danger">expired</Badge>}
      {state.kind === 'expires' && state.days <= EXPIRY_WARNING_DAYS && (
        <Badge tone={state.days <= 7 ? 'danger' : 'warning'}>{formatExpiresIn(state.days)}</Badge>
      )}
    </span>
  );
}
