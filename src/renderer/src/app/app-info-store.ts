import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { AppInfo } from '@shared/domain';
import { invoke } from '../lib/ipc';
import { registerStore } from '../lib/store-registry';

/** What the shell knows about the app and the keychain, from `app:info`. */
interface AppInfoState {
  readonly info: AppInfo | null;
  readonly error: AppError | null;
  readonly loading: boolean;
  load(): Promise<void>;
}

/** The store behind the status bar and the keychain warning. */
export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  loading: false,
  async load() {
    set({ loading: true });
    const result = await invoke('app:info');
    set(
      result.ok
        ? { info: result.value, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
}));

registerStore('appInfo', useAppInfo);
