import type { AppError } from '@shared/errors';
import type { AuditVerification } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';

/** The audit chain's verification, stated prominently: intact with its size, or where it breaks. */
export function ChainStatus({
  verification,
  error,
}: {
  verification: AuditVerification | null;
  error: AppError | null;
}) {
  if (error) return <ErrorView error={error} compact />;
  if (!verification) return <div className="chain chain-pending">Verifying the audit chain…</div>;
  if (verification.valid) {
    return (
      <div className="chain chain-ok" role="status" data-testid="chain-status">
        <span className="chain-icon" aria-hidden="true">
          ✓
        </span>
        <span>
          <strong>Audit chain intact</strong> — {verification.entries.toLocaleString()}{' '}
          {verification.entries === 1 ? 'entry' : 'entries'} verified, each linked to the previous
          one by hash.
        </span>
      </div>
    );
  }
  return (
    <div className="chain chain-broken" role="alert" data-testid="chain-status">
      <span className="chain-icon" aria-hidden="true">
        ✗
      </span>
      <span>
        <strong>
          Audit chain broken{verification.brokenAt ? ` at line ${verification.brokenAt.line}` : ''}
        </strong>
        {verification.brokenAt ? `: ${verification.brokenAt.reason}` : ''}. Entries from there on
        may have been altered or removed outside Keysmith.
      </span>
    </div>
  );
}
