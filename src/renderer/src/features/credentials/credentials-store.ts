import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import { unpackCredentials } from '@shared/fleet/snapshot-types';
import type { ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { CredentialView, PendingRegistration } from '../../lib/domain';
import { invoke } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';
import type { Sort, StatusFilter } from './credential-query';

/** What a failed revoke means here: 404 and 409 have their own explanations. */
export function revokeFailure(error: AppError): 'gone' | 'already-revoked' | null {
  const status = error.kind === 'problem' ? error.problem.status : null;
  if (error.kind === 'not-found' || status === 404) return 'gone';
  if (error.kind === 'conflict' || status === 409) return 'already-revoked';
  return null;
}

/** The credentials of one environment and how the table shows them. No secret is ever kept here. */
interface CredentialsState {
  readonly environmentId: string | null;
  readonly items: readonly CredentialView[];
  /** DCR registrations whose answer was lost: they may exist on the server (never a secret). */
  readonly pending: readonly PendingRegistration[];
  readonly loading: boolean;
  readonly error: AppError | null;
  readonly loadedAt: number | null;
  /**
   * When the list shown was fetched, while it is main's snapshot (painted at once, before the
   * live list arrives, and kept when the live list fails); null once the live list is shown.
   */
  readonly snapshotAt: number | null;
  readonly status: StatusFilter;
  readonly search: string;
  readonly sort: Sort;
  load(environmentId: string): Promise<void>;
  /** Reloads the pending registrations of the environment the table shows. */
  loadPending(environmentId: string): Promise<void>;
  /** Forgets a pending registration once the person checked the server (production: main asks). */
  dismissPending(
    environmentId: string,
    id: string,
  ): Promise<Result<ChannelOutput<'credentials:dismiss-pending'>>>;
  refresh(): Promise<void>;
  setStatus(status: StatusFilter): void;
  setSearch(search: string): void;
  sortBy(key: Sort['key']): void;
  /** Adds or replaces one credential (after create or revoke) without a full reload. */
  upsert(credential: CredentialView): void;
  /** Marks which credential the environment now uses. */
  markInUse(clientId: string): void;
  /** Revokes a credential at the API and shows it revoked (also when the API says it already was). */
  revoke(
    environmentId: string,
    credential: CredentialView,
  ): Promise<Result<ChannelOutput<'credentials:revoke'>>>;
  /** Renames a DCR client at the server (production: main asks) and shows the new name. */
  rename(
    environmentId: string,
    clientId: string,
    name: string,
  ): Promise<Result<ChannelOutput<'credentials:rename'>>>;
  /** Copies a credential's secret from the keychain to the clipboard, in main: it never reaches the page. */
  copySecret(
    environmentId: string,
    clientId: string,
  ): Promise<Result<ChannelOutput<'credentials:copy-secret'>>>;
}

const loads = latestRequest();

/** The credentials store behind the Credentials tab. */
export const useCredentials = create<CredentialsState>((set, get) => ({
  environmentId: null,
  items: [],
  pending: [],
  loading: false,
  error: null,
  loadedAt: null,
  snapshotAt: null,
  status: 'active',
  search: '',
  sort: { key: 'createdAt', direction: 'descending' },
  async load(environmentId) {
    const isLatest = loads.begin();
    const sameEnv = get().environmentId === environmentId;
    set({
      environmentId,
      loading: true,
      error: null,
      ...(sameEnv ? {} : { items: [], pending: [], loadedAt: null, snapshotAt: null }),
    });
    // Nothing on screen yet: paint main's snapshot at once, then ask for the live list behind it
    // (asked after, so main answers the small local read before the list's heavy work).
    if (get().items.length === 0) {
      const kept = await invoke('snapshots:credentials', { environmentId });
      if (isLatest() && get().items.length === 0 && kept.ok && kept.value !== null) {
        set({ items: unpackCredentials(kept.value).credentials, snapshotAt: kept.value.fetchedAt });
      }
    }
    if (!isLatest()) return;
    const [result, pending] = await Promise.all([
      invoke('credentials:list', { environmentId }),
      invoke('credentials:pending', { environmentId }),
    ]);
    if (!isLatest()) return;
    if (pending.ok) set({ pending: pending.value });
    set(
      result.ok
        ? { items: result.value, loading: false, loadedAt: Date.now(), snapshotAt: null }
        : { loading: false, error: result.error },
    );
  },
  async loadPending(environmentId) {
    const result = await invoke('credentials:pending', { environmentId });
    if (result.ok && get().environmentId === environmentId) set({ pending: result.value });
  },
  async dismissPending(environmentId, id) {
    const result = await invoke('credentials:dismiss-pending', { environmentId, id });
    if (result.ok && get().environmentId === environmentId) {
      set({ pending: get().pending.filter((entry) => entry.id !== id) });
    }
    return result;
  },
  async refresh() {
    const id = get().environmentId;
    if (id) await get().load(id);
  },
  setStatus: (status) => set({ status }),
  setSearch: (search) => set({ search }),
  sortBy(key) {
    const { sort } = get();
    set({
      sort:
        sort.key === key
          ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
          : { key, direction: key === 'name' || key === 'clientId' ? 'ascending' : 'descending' },
    });
  },
  upsert(credential) {
    const items = get().items;
    const found = items.some((item) => item.clientId === credential.clientId);
    set({
      items: found
        ? items.map((item) => (item.clientId === credential.clientId ? credential : item))
        : [credential, ...items],
    });
  },
  markInUse(clientId) {
    set({ items: get().items.map((item) => ({ ...item, inUse: item.clientId === clientId })) });
  },
  async revoke(environmentId, credential) {
    const result = await invoke('credentials:revoke', {
      environmentId,
      clientId: credential.clientId,
    });
    if (result.ok) {
      get().upsert({ ...credential, status: 'revoked', updatedAt: new Date().toISOString() });
    } else if (revokeFailure(result.error) === 'already-revoked') {
      get().upsert({ ...credential, status: 'revoked' });
    }
    return result;
  },
  async rename(environmentId, clientId, name) {
    const result = await invoke('credentials:rename', { environmentId, clientId, name });
    if (result.ok && get().environmentId === environmentId) get().upsert(result.value);
    return result;
  },
  copySecret: (environmentId, clientId) =>
    invoke('credentials:copy-secret', { environmentId, clientId }),
}));

registerStore('credentials', useCredentials);
