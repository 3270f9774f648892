import type { TimeStatus } from '@shared/jwt';
import { formatCountdown, formatDuration } from '@shared/jwt';
import { Badge } from '../../components/badge';
import { Field } from '../../components/field';
import { useJwt } from './jwt-store';

const LABELS = {
  valid: ['ok', 'Valid now'],
  'not-yet-valid': ['warning', 'Not yet valid'],
  expired: ['danger', 'Expired'],
  'no-expiry': ['warning', 'Never expires'],
  malformed: ['danger', 'Time claims malformed'],
} as const;

/** Where the token stands in time: a badge, a countdown to the second, the lifetime bar and the tolerance. */
export function TimeStatusView({ status }: { status: TimeStatus }) {
  const toleranceSec = useJwt((state) => state.toleranceSec);
  const setToleranceSec = useJwt((state) => state.setToleranceSec);
  const [tone, label] = LABELS[status.state];
  const lifetime = status.lifetime;
  return (
    <section aria-labelledby="jwt-time-title" className="jwt-section jwt-time">
      <h3 id="jwt-time-title">
        Time <Badge tone={tone}>{label}</Badge>
      </h3>
      {status.secondsLeft !== null && (
        <p>
          {status.secondsLeft > 0 ? 'Expires in ' : 'Expired '}
          <span role="timer" aria-label="Time until the pasted token expires" className="mono">
            {formatCountdown(Math.abs(status.secondsLeft))}
          </span>
          {status.secondsLeft <= 0 && ' ago'}
          {status.secondsLeft <= 0 && status.state === 'valid' && (
            <span className="muted">
              {' '}
              — still accepted within the {status.clockToleranceSec} s clock tolerance
            </span>
          )}
        </p>
      )}
      {status.secondsUntilValid !== null && (
        <p>Valid in {formatDuration(status.secondsUntilValid)}.</p>
      )}
      {status.problem && <p className="field-error">{status.problem}</p>}
      {lifetime && (
        <div className="jwt-lifetime">
          <span
            className="meter"
            role="meter"
            aria-label={`Lifetime elapsed, from ${lifetime.startClaim} to exp`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(lifetime.fraction * 100)}
          >
            <span className="meter-fill" style={{ width: `${lifetime.fraction * 100}%` }} />
          </span>
          <span className="muted">
            {formatDuration(lifetime.elapsedSec)} of {formatDuration(lifetime.totalSec)} elapsed
          </span>
        </div>
      )}
      <Field label="Clock tolerance (seconds)" className="inline-field">
        {(field) => (
          <input
            {...field}
            className="input"
            type="number"
            min={0}
            max={86_400}
            value={toleranceSec}
            onChange={(event) => setToleranceSec(Number(event.target.value))}
          />
        )}
      </Field>
    </section>
  );
}
