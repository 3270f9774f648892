import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { AuditEntry, AuditVerification } from '../../lib/domain';
import { invoke, onEvent } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';

/** The audit log as the Activity tab shows it: entries newest first and the chain's verification. */
interface ActivityState {
  readonly entries: readonly AuditEntry[];
  /** Environment id to filter by, or null for all. */
  readonly environmentId: string | null;
  readonly verification: AuditVerification | null;
  readonly loading: boolean;
  readonly error: AppError | null;
  readonly verifyError: AppError | null;
  load(): Promise<void>;
  setEnvironment(environmentId: string | null): Promise<void>;
}

const loads = latestRequest();

/** The activity store. */
export const useActivity = create<ActivityState>((set, get) => ({
  entries: [],
  environmentId: null,
  verification: null,
  loading: false,
  error: null,
  verifyError: null,
  async load() {
    const isLatest = loads.begin();
    set({ loading: true });
    const environmentId = get().environmentId;
    const [list, verify] = await Promise.all([
      invoke('audit:list', environmentId ? { environmentId } : {}),
      invoke('audit:verify'),
    ]);
    if (!isLatest()) return;
    set({
      loading: false,
      ...(list.ok
        ? {
            entries: [...list.value].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
            error: null,
          }
        : { error: list.error }),
      ...(verify.ok
        ? { verification: verify.value, verifyError: null }
        : { verifyError: verify.error }),
    });
  },
  async setEnvironment(environmentId) {
    set({ environmentId });
    await get().load();
  },
}));

registerStore('activity', useActivity);

/** Reloads the log whenever main appends to it. Returns the unsubscriber. */
export function subscribeActivityEvents(): () => void {
  return onEvent('audit:appended', () => void useActivity.getState().load());
}
