import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { SafeText, safeLabel } from '../../components/safe-text';
import { copyText } from '../../lib/clipboard';
import type { CredentialView } from '../../lib/domain';
import { formatDate, formatDateTime, formatIso, formatRelative, shortId } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import type { Sort, SortKey } from './credential-query';
import { ExpiryCell } from './expiry-cell';
import { KeychainMark } from './keychain-mark';
import { RegistrationBadges, StatusBadge } from './registration-badges';

const ROW_HEIGHT = 34;

/**
 * The columns, in order, each with the class that says when it gives way: the table's own width
 * (a container query in credentials.css) hides low-priority columns first. What a hidden column
 * holds stays one step away, in the details a click on the name opens.
 */
const COLUMNS: readonly { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: 'clientId', label: 'client_id', className: 'col-client-id' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'createdAt', label: 'Created', className: 'col-created' },
  { key: 'lastUsedAt', label: 'Last used', className: 'col-last-used' },
  { key: 'expiresAt', label: 'Expires', className: 'col-expires' },
  { key: null, label: 'Keychain', className: 'col-keychain' },
  { key: null, label: 'Actions', className: 'col-actions' },
];

/** The props of a grid cell: its role, column index and column class. */
function cell(index: number) {
  return {
    role: 'cell',
    'aria-colindex': index + 1,
    className: `cell ${COLUMNS[index]?.className ?? ''}`,
  } as const;
}

/** One credential as a table row. */
function CredentialRow({
  credential,
  now,
  onDetails,
  onRevoke,
  onRotate,
}: {
  credential: CredentialView;
  now: number;
  onDetails: (credential: CredentialView) => void;
  onRevoke: (credential: CredentialView) => void;
  onRotate?: (credential: CredentialView) => void;
}) {
  const revoked = credential.status === 'revoked';
  const name = safeLabel(credential.name);
  // A DCR client is deleted at the server; one the server no longer knows is only forgotten here.
  const gone = credential.registration?.state === 'gone';
  const removal = gone ? 'Forget' : credential.registration ? 'Delete' : 'Revoke';
  return (
    <>
      <div {...cell(0)}>
        <button
          type="button"
          className="name-button truncate"
          title={name}
          aria-haspopup="dialog"
          aria-label={`Details of ${name}`}
          onClick={() => onDetails(credential)}
        >
          <SafeText text={credential.name} />
        </button>
        {credential.inUse && (
          <Badge tone="info" title="This environment gets its tokens with this credential">
            in use
          </Badge>
        )}
        <RegistrationBadges credential={credential} />
      </div>
      <div {...cell(1)}>
        <code className="truncate" title={safeLabel(credential.clientId)}>
          <span aria-hidden="true">{safeLabel(shortId(credential.clientId))}</span>
          <SafeText text={credential.clientId} className="visually-hidden" />
        </code>
        <CopyButton
          compact
          label={`Copy client_id of ${name}`}
          copy={() => copyText(credential.clientId)}
        />
      </div>
      <div {...cell(2)}>
        <StatusBadge credential={credential} />
      </div>
      <div {...cell(3)}>
        <time
          dateTime={formatIso(credential.createdAt)}
          title={`${formatDateTime(credential.createdAt)} · ${formatIso(credential.createdAt)}`}
        >
          {formatDate(credential.createdAt)}
        </time>
      </div>
      <div {...cell(4)} title={formatIso(credential.lastUsedAt)}>
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
      <div {...cell(5)}>
        <ExpiryCell expiresAt={credential.expiresAt} now={now} />
      </div>
      <div {...cell(6)}>
        <KeychainMark held={credential.secretStored} />
      </div>
      <div {...cell(7)}>
        {!revoked && onRotate && (
          <button
            type="button"
            className="button button-compact"
            aria-label={`Rotate ${name}`}
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
            aria-label={`${removal} ${name}`}
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
  onDetails,
  onRevoke,
  onRotate,
  skewMs = 0,
}: {
  rows: readonly CredentialView[];
  total: number;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  /** Opens the details of a credential: every field, whole, whatever the table's width. */
  onDetails: (credential: CredentialView) => void;
  onRevoke: (credential: CredentialView) => void;
  /** Starts the rotation wizard for a credential. */
  onRotate?: (credential: CredentialView) => void;
  /** How far the API's server clock runs ahead: expiry and "last used" are judged on its clock. */
  skewMs?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(60_000) + skewMs;
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
    <div className="table-scroll credentials-scroll" ref={scroller}>
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
            {COLUMNS.map((column, index) => (
              <div
                key={column.label}
                role="columnheader"
                aria-colindex={index + 1}
                className={`cell ${column.className}`}
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
                  onDetails={onDetails}
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
