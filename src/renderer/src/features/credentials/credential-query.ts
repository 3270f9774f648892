import type { CredentialView } from '../../lib/domain';

/** Which credentials the table shows by status. */
export type StatusFilter = 'active' | 'revoked' | 'all';

/** The sortable columns. */
export type SortKey = 'name' | 'clientId' | 'status' | 'createdAt' | 'lastUsedAt' | 'expiresAt';

/** A column and a direction. */
export interface Sort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

/** What the table is asked to show. */
export interface CredentialQuery {
  readonly status: StatusFilter;
  readonly search: string;
  readonly sort: Sort;
}

function timeValue(value: string | null): number {
  if (value === null) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: CredentialView, b: CredentialView, key: SortKey): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'clientId':
      return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
    case 'status':
      return a.status.localeCompare(b.status);
    case 'expiresAt': {
      // "Never" sorts after every date.
      const x = a.expiresAt === null ? Number.POSITIVE_INFINITY : timeValue(a.expiresAt);
      const y = b.expiresAt === null ? Number.POSITIVE_INFINITY : timeValue(b.expiresAt);
      return x - y || 0;
    }
    default:
      return timeValue(a[key]) - timeValue(b[key]) || 0;
  }
}

/** Filters by status and search text (name or client_id), then sorts; stable, fast enough for 10,000 rows. */
export function queryCredentials(
  items: readonly CredentialView[],
  query: CredentialQuery,
): CredentialView[] {
  const needle = query.search.trim().toLowerCase();
  // A DCR client the server no longer knows stays among the active ones until it is forgotten.
  const statusOf = (item: CredentialView) =>
    item.registration?.state === 'gone' ? 'active' : item.status;
  const filtered = items.filter(
    (item) =>
      (query.status === 'all' || statusOf(item) === query.status) &&
      (needle === '' ||
        item.name.toLowerCase().includes(needle) ||
        item.clientId.toLowerCase().includes(needle)),
  );
  const sign = query.sort.direction === 'ascending' ? 1 : -1;
  return filtered
    .map((item, index) => ({ item, index }))
    .sort((a, b) => sign * compare(a.item, b.item, query.sort.key) || a.index - b.index)
    .map((entry) => entry.item);
}
