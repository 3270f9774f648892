import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ChannelInput } from '@shared/ipc/contract';
import type { WatchedToken } from '@shared/domain';
import { invoke, onEvent } from '../../lib/ipc';
import { registerStore } from '../../lib/store-registry';

/** The pinned tokens main watches, as last loaded. */
interface WatchListState {
  readonly items: readonly WatchedToken[];
  readonly error: AppError | null;
  load(): Promise<void>;
  remove(id: string): Promise<void>;
  /** Pins a token's metadata (never the token) for an expiry reminder; returns why not. */
  pin(input: ChannelInput<'jwt:watch-add'>): Promise<AppError | null>;
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
  async pin(input) {
    const result = await invoke('jwt:watch-add', input);
    if (!result.ok) return result.error;
    await get().load();
    return null;
  },
}));

registerStore('watchList', useWatchList);

/** Reloads the watch list when main changes it (a reminder was shown). Returns the unsubscriber. */
export function subscribeWatchListEvents(): () => void {
  return onEvent('jwt:watch-changed', () => void useWatchList.getState().load());
}
