import { useEffect, useState } from 'react';
import { CREDENTIAL_BACKEND_TRAITS } from '@shared/credential-backends';
import { WATCH_POLL_INTERVAL_MS, type Rotation } from '@shared/rotation';
import { Badge } from '../../components/badge';
import type { EnvironmentView } from '../../lib/domain';
import {
  formatClock,
  formatCountdown,
  formatDateTime,
  formatIso,
  formatRelative,
} from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ErrorView } from '../../components/error-view';
import { NoLastUseNote } from './no-last-use-note';
import { useRotation } from './rotation-store';
import { SafeText } from '../../components/safe-text';

/** How an old key still in use is handled, in the words the wizard shows. */
export const OLD_KEY_IN_USE_NOTE =
  'Keysmith stopped using the old key at the switch, so any later change of its last_used_at is ' +
  'another app still holding it. Revoking is allowed anyway, after you confirm it: those apps keep ' +
  'working only until their current token expires (at most an hour), then fail to get a new one. ' +
  'Better: find and update them, and wait until the checks show no more use.';

/**
 * (e) Watches the old key's last_used_at, re-read every 30 s with a visible countdown, so the user
 * sees traffic leave it before revoking.
 */
export function StepWatch({
  environment,
  rotation,
  acknowledged,
  onAcknowledge,
  onContinue,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  onContinue: () => void;
}) {
  const { busy, stepError, run } = useRotation();
  const [attemptAt, setAttemptAt] = useState<number | null>(null);
  const now = useNow(1000);
  const watch = rotation.watch;
  const error = stepError?.action === 'rotation:poll-usage' ? stepError.error : null;
  const nextAt = Math.max(watch?.lastPolledAt ?? 0, attemptAt ?? 0) + WATCH_POLL_INTERVAL_MS;

  // Polls when the next check is due (at once on arrival), never two at a time.
  useEffect(() => {
    if (busy !== null) return;
    const timer = window.setTimeout(
      () => {
        setAttemptAt(Date.now());
        void run('rotation:poll-usage');
      },
      Math.max(0, nextAt - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [nextAt, busy, run]);

  const inUse = watch?.usedAfterSwitch === true;
  const reportsLastUse = CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].reportsLastUse;
  const gone = watch !== null && watch.oldStatus !== 'active';
  return (
    <section className="rotation-step" aria-labelledby="step-watch-heading">
      <h3 id="step-watch-heading">
        Watch traffic leave <SafeText text={rotation.old.name} />
      </h3>
      <div className="watch-panel">
        <div className="countdown">
          <span className="countdown-label" id="next-check-label">
            Next check in
          </span>
          <span
            className="countdown-value"
            role="timer"
            aria-live="off"
            aria-label="Time until the next check"
          >
            {busy === 'rotation:poll-usage' ? '…' : formatCountdown(nextAt - now)}
          </span>
        </div>
        <dl className="facts">
          <dt>Old key</dt>
          <dd>
            <SafeText text={rotation.old.name} /> <code>{rotation.old.clientId}</code>
          </dd>
          <dt>Switched</dt>
          <dd title={formatIso(rotation.switchedAt)}>{formatDateTime(rotation.switchedAt)}</dd>
          <dt>Last used</dt>
          <dd data-testid="old-last-used" title={formatIso(watch?.oldLastUsedAt)}>
            {!reportsLastUse
              ? 'not reported by this server'
              : watch === null
                ? 'not checked yet'
                : watch.oldLastUsedAt === null
                  ? 'never'
                  : `${formatDateTime(watch.oldLastUsedAt)} (${formatRelative(watch.oldLastUsedAt, now)})`}
          </dd>
          <dt>Checks</dt>
          <dd>
            {watch === null
              ? 'none yet'
              : `${watch.polls}, last at ${formatClock(watch.lastPolledAt)}`}
          </dd>
        </dl>
      </div>
      <div role="status" className="watch-verdict">
        {watch !== null && !inUse && !gone && !reportsLastUse && (
          <p className="callout callout-info">
            {rotation.old.name} is still registered at the server.
          </p>
        )}
        {watch !== null && !inUse && !gone && reportsLastUse && (
          <p className="callout callout-info">
            <Badge tone="ok">quiet</Badge> No use of <SafeText text={rotation.old.name} /> since the
            switch.
          </p>
        )}
        {gone && (
          <p className="callout callout-info">
            <SafeText text={rotation.old.name} /> is already{' '}
            {watch?.oldStatus === 'revoked' ? 'revoked' : 'gone'} at the API: revoking only records
            it.
          </p>
        )}
        {inUse && (
          <p className="callout callout-danger">
            <Badge tone="danger">still in use</Badge> <SafeText text={rotation.old.name} /> was used
            at {formatDateTime(watch?.oldLastUsedAt ?? null)}, after the switch: an app of{' '}
            <SafeText text={environment.name} /> still holds the old key.
          </p>
        )}
      </div>
      {reportsLastUse ? (
        <p className="muted small">{OLD_KEY_IN_USE_NOTE}</p>
      ) : (
        <NoLastUseNote rotation={rotation} />
      )}
      {error && <ErrorView error={error} onRetry={() => void run('rotation:poll-usage')} />}
      {inUse && (
        <label className="check check-strong">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => onAcknowledge(e.target.checked)}
          />
          Revoke anyway: apps still on <SafeText text={rotation.old.name} /> fail once their current
          token expires
        </label>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          aria-busy={busy === 'rotation:poll-usage'}
          onClick={() => {
            setAttemptAt(Date.now());
            void run('rotation:poll-usage');
          }}
        >
          Check now
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null || watch === null || (inUse && !acknowledged)}
          onClick={onContinue}
        >
          {inUse ? 'Continue to revoke early' : 'Continue to revoke'}
        </button>
      </div>
    </section>
  );
}
