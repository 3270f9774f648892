import type { AppError } from '@shared/errors';
import type { AuditRange, AuditVerification } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';

const count = (entries: number): string =>
  `${entries.toLocaleString()} ${entries === 1 ? 'entry' : 'entries'}`;

const rangeText = ({ from, to }: AuditRange): string => (from === to ? `${from}` : `${from}–${to}`);

/**
 * The audit chain's verification, stated in words: intact (with any entries proven by hash only),
 * broken at an entry and why, or unverifiable and why.
 */
export function ChainStatus({
  verification,
  error,
}: {
  verification: AuditVerification | null;
  error: AppError | null;
}) {
  if (error) return <ErrorView error={error} compact />;
  if (!verification) return <div className="chain chain-pending">Verifying the audit chain…</div>;
  switch (verification.state) {
    case 'intact': {
      const { hashOnly } = verification;
      return (
        <div className="chain chain-ok" role="status" data-testid="chain-status">
          <span className="chain-icon" aria-hidden="true">
            ✓
          </span>
          <span>
            <strong>Audit chain intact</strong> — {count(verification.entries)} verified, each
            sealed with the app’s key from the OS keychain and linked to the previous one; none
            removed from the end.
            {hashOnly.length > 0
              ? ` Entries ${hashOnly.map(rangeText).join(', ')} were written without the key (by an older Keysmith, or while the keychain was unavailable): verified by hash only.`
              : ''}
          </span>
        </div>
      );
    }
    case 'broken':
      return (
        <div className="chain chain-broken" role="alert" data-testid="chain-status">
          <span className="chain-icon" aria-hidden="true">
            ✗
          </span>
          <span>
            <strong>
              Audit chain broken at entry {verification.brokenAt.entry} (line{' '}
              {verification.brokenAt.line})
            </strong>
            : {verification.brokenAt.reason} Entries from there on may have been altered or removed
            outside Keysmith.
          </span>
        </div>
      );
    case 'unverifiable':
      return (
        <div className="chain chain-unverifiable" role="status" data-testid="chain-status">
          <span className="chain-icon" aria-hidden="true">
            ?
          </span>
          <span>
            <strong>Audit chain cannot be verified</strong> — {verification.reason} Nothing in the{' '}
            {count(verification.entries)} read was found altered, but nothing is proven either.
          </span>
        </div>
      );
  }
}
