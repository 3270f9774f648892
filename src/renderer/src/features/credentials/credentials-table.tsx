import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { KeyIcon } from '../../components/icons';
import { copyText } from '../../lib/clipboard';
import type { CredentialView } from '../../lib/domain';
import { formatDateTime, formatIso, formatRelative, shortId } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import type { Sort, SortKey } from './credential-query';
import { ExpiryCell } from './expiry-cell';
import { RegistrationBadges, StatusBadge } from './registration-badges';

const ROW_HEIGHT = 34;

const COLUMNS: readonly { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'clientId', label: 'client_id' },
  { key: 'status', label: 'Status' },
  { key: 'createdAt', label: 'Created' },
  { key: 'lastUsedAt', label: 'Last used' },
  { key: 'expiresAt', label: 'Expires' },
  { key: null, label: 'Keychain' },
  { key: null, label: 'Actions' },
];

/** One credential as a table row. */
function CredentialRow({
  credential,
  now,
  onRevoke,
  onRotate,
}: {
  credential: CredentialView;
  now: number;
  onRevoke: (credential: CredentialView) => void;
  onRotate?: (credential: CredentialView) => void;
}) {
  const revoked = credential.status === 'revoked';
  // A DCR client is deleted at the server; one the server no longer knows is only forgotten here.
  const gone = credential.registration?.state === 'gone';
  const removal = gone ? 'Forget' : credential.registration ? 'Delete' : 'Revoke';
  return (
    <>
      <div role="cell" className="cell cell-name">
        <span className="truncate" title={credential.name}>
          {credential.name}
        </span>
        {credential.inUse && (
          <Badge tone="info" title="This environment gets its tokens with this credential">
            in use
          </Badge>
        )}
        <RegistrationBadges credential={credential} />
      </div>
      <div role="cell" className="cell cell-client-id">
        <code className="truncate" title={credential.clientId}>
          <span aria-hidden="true">{shortId(credential.clientId)}</span>
          <span className="visually-hidden">{credential.clientId}</span>
        </code>
        <CopyButton
          compact
          label={`Copy client_id of ${credential.name}`}
          copy={() => copyText(credential.clientId)}
        />
      </div>
      <div role="cell" className="cell">
        <StatusBadge credential={credential} />
      </div>
      <div role="cell" className="cell" title={formatIso(credential.createdAt)}>
        {formatDateTime(credential.createdAt)}
      </div>
      <div role="cell" className="cell" title={formatIso(credential.lastUsedAt)}>
        {credential.registration !== undefined ? (
          <span className="muted" title="Dynamic Client Registration reports no last use">
            not reported
          </span>
        ) : credential.lastUsedAt === null ? (
          <span className="muted">never</span>
        ) : (
          formatRelative(credential.lastUsedAt, now)
        )}
      </div>
      <div role="cell" className="cell">
        <ExpiryCell expiresAt={credential.expiresAt} now={now} />
      </div>
      <div role="cell" className="cell">
        {credential.secretStored ? (
          <span className="secret-mark" title="Its client_secret is in the OS keychain">
            <KeyIcon />
            <span className="visually-hidden">client_secret in the keychain</span>
          </span>
        ) : (
          <span className="muted" title="Keysmith does not hold its client_secret">
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">not held</span>
          </span>
        )}
      </div>
      <div role="cell" className="cell cell-actions">
        {!revoked && onRotate && (
          <button
            type="button"
            className="button button-compact"
            aria-label={`Rotate ${credential.name}`}
            title="Replace it with a new credential, without downtime"
            onClick={() => onRotate(credential)}
          >
            Rotate
          </button>
        )}
        {(!revoked || gone) && (
          <button
            type="button"
            className="button button-compact button-danger-quiet"
            aria-label={`${removal} ${credential.name}`}
            onClick={() => onRevoke(credential)}
          >
            {removal}
          </button>
        )}
      </div>
    </>
  );
}

/** The virtualised credentials table: only the rows in view are in the DOM, the size is told to screen readers. */
export function CredentialsTable({
  rows,
  total,
  label,
  sort,
  onSort,
  onRevoke,
  onRotate,
}: {
  rows: readonly CredentialView[];
  total: number;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  onRevoke: (credential: CredentialView) => void;
  /** Starts the rotation wizard for a credential. */
  onRotate?: (credential: CredentialView) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(60_000);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.clientId ?? index,
  });
  const items = virtualizer.getVirtualItems();

  return (
    <div className="table-scroll" ref={scroller}>
      <div
        role="table"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={COLUMNS.length}
        aria-describedby="credentials-count"
        className="data-table credentials-grid"
      >
        <div role="rowgroup" className="table-head">
          <div role="row" aria-rowindex={1} className="table-row">
            {COLUMNS.map((column) => (
              <div
                key={column.label}
                role="columnheader"
                className="cell"
                aria-sort={
                  column.key !== null && sort.key === column.key ? sort.direction : undefined
                }
              >
                {column.key === null ? (
                  column.label
                ) : (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => column.key && onSort(column.key)}
                  >
                    {column.label}
                    <span aria-hidden="true" className="sort-arrow">
                      {sort.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                )}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="table-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const credential = rows[item.index];
            if (!credential) return null;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`table-row ${credential.status === 'revoked' ? 'row-revoked' : ''} ${credential.inUse ? 'row-in-use' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-client-id={credential.clientId}
              >
                <CredentialRow
                  credential={credential}
                  now={now}
                  onRevoke={onRevoke}
                  onRotate={onRotate}
                />
              </div>
            );
          })}
        </div>
      </div>
      <p id="credentials-count" className="visually-hidden">
        {rows.length} of {total} credentials shown
      </p>
    </div>
  );
}
