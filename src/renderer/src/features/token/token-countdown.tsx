import { formatCountdown } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/** A live (1 s) countdown to a token's expiry, with a bar of the lifetime left. */
export function TokenCountdown({
  obtainedAt,
  expiresAt,
}: {
  obtainedAt?: number;
  expiresAt: number;
}) {
  const now = useNow(1000);
  const remaining = expiresAt - now;
  const lifetime = obtainedAt !== undefined ? expiresAt - obtainedAt : 3_600_000;
  const fraction = Math.max(0, Math.min(1, remaining / Math.max(1, lifetime)));
  const tone = remaining <= 0 ? 'danger' : remaining < 5 * 60_000 ? 'warning' : 'ok';
  return (
    <div className={`countdown countdown-${tone}`}>
      <span className="countdown-label">{remaining > 0 ? 'Expires in' : 'Expired'}</span>
      <span
        className="countdown-value"
        role="timer"
        aria-live="off"
        aria-label="Time until the token expires"
      >
        {formatCountdown(remaining)}
      </span>
      <span
        className="meter"
        role="meter"
        aria-label="Token lifetime left"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <span className="meter-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
    </div>
  );
}
