import type { Rotation } from '@shared/rotation';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime, formatIso } from '../../lib/format';
import { ErrorView } from '../../components/error-view';
import { useRotation } from './rotation-store';
import { SafeText } from '../../components/safe-text';

/** One line of the summary, with the exact instant in its tooltip. */
function When({ at }: { at: number | null }) {
  return <span title={formatIso(at)}>{formatDateTime(at)}</span>;
}

/** (g) The summary: what was done and when; "Finish" writes it to the audit log. */
export function StepSummary({
  environment,
  rotation,
}: {
  environment: EnvironmentView;
  rotation: Rotation;
}) {
  const { busy, stepError, run, dismiss } = useRotation();
  const error =
    stepError?.action === 'rotation:finish' || stepError?.action === 'dismiss'
      ? stepError.error
      : null;
  const done = rotation.step === 'done';
  const { old, replacement, watch } = rotation;
  return (
    <section className="rotation-step" aria-labelledby="step-summary-heading">
      <h3 id="step-summary-heading">{done ? 'Rotation complete' : 'Old credential revoked'}</h3>
      <p className="callout callout-info" role="status">
        <SafeText text={old.name} /> was revoked at {formatDateTime(rotation.revokedAt)}. Tokens it
        issued stay valid until{' '}
        <strong data-testid="tokens-valid-until">
          {formatDateTime(rotation.tokensValidUntil)}
        </strong>{' '}
        at the latest.
      </p>
      <dl className="facts summary-facts" aria-label="Rotation summary">
        <dt>Environment</dt>
        <dd>
          <SafeText text={environment.name} />
        </dd>
        <dt>Old credential</dt>
        <dd>
          <SafeText text={old.name} /> <code>{old.clientId}</code>: revoked{' '}
          <When at={rotation.revokedAt} />
          {rotation.revokedDespiteUse && ' although it was used after the switch'}
        </dd>
        <dt>New credential</dt>
        <dd>
          <SafeText text={replacement.name} /> <code>{rotation.newClientId}</code>: created{' '}
          {rotation.replayed ? '(lost answer replayed, no duplicate) ' : ''}
          <When at={rotation.history.find((h) => h.step === 'captured')?.at ?? null} />
        </dd>
        <dt>Verified</dt>
        <dd>
          <When at={rotation.verification?.at ?? null} /> at {rotation.verification?.tokenUrl}
        </dd>
        <dt>Switched</dt>
        <dd>
          <When at={rotation.switchedAt} />
        </dd>
        <dt>Handed over</dt>
        <dd>
          <When at={rotation.handedOverAt} />
        </dd>
        <dt>Old key last used</dt>
        <dd>
          {watch?.oldLastUsedAt ? <When at={Date.parse(watch.oldLastUsedAt)} /> : 'never'} (
          {watch?.polls ?? 0} checks)
        </dd>
      </dl>
      {error && <ErrorView error={error} />}
      <div className="button-row">
        {done ? (
          <>
            <span className="muted">The summary is in the audit log (Activity tab).</span>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void dismiss()}
            >
              Start another rotation
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null}
            aria-busy={busy === 'rotation:finish'}
            onClick={() => void run('rotation:finish')}
          >
            Finish and write the summary to the audit log
          </button>
        )}
      </div>
    </section>
  );
}
