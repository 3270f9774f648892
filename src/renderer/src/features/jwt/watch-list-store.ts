import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { WatchedTokenView } from '@shared/ipc/channels/jwt';
import { invoke, onEvent } from '../../lib/ipc';

/** The pinned tokens main watches, as last loaded. */
interface WatchListState {
  readonly items: readonly WatchedTokenView[];
  readonly error: AppError | null;
  load(): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The watch list store (metadata only: no token is ever in it). */
export const useWatchList = create<WatchListState>((set, get) => ({
  items: [],
  error: null,
  async load() {
    const result = await invoke('jwt:watch-list');
    set(result.ok ? { items: result.value, error: null } : { error: result.error });
  },
  async remove(id) {
    const result = await invoke('jwt:watch-remove', { id });
    if (!result.ok) return set({ error: result.error });
    await get().load();
  },
}));

/** Reloads the watch list when main changes it (a reminder was shown). Returns the unsubscriber. */
export function subscribeWatchListEvents(): () => void {
  return onEvent('jwt:watch-changed', () => void useWatchList.getState().load());
}
