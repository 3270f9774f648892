import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ChannelInput, ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { TokenState } from '../../lib/domain';
import { invoke, onEvent } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';

/** What main says about the active environment's access token (never the token itself). */
interface TokenStoreState {
  readonly environmentId: string | null;
  readonly token: TokenState | null;
  readonly loading: boolean;
  readonly renewing: boolean;
  readonly error: AppError | null;
  /** The last event main sent about this token ("renewed at…", "expiring"). */
  readonly lastEvent: { readonly kind: 'renewed' | 'expiring'; readonly at: number } | null;
  load(environmentId: string): Promise<void>;
  renew(): Promise<void>;
  setAutoRenew(enabled: boolean): Promise<void>;
  /** Copies the environment's token as a header or a curl command, in main: it never reaches the page. */
  copyToken(
    environmentId: string,
    format: ChannelInput<'clipboard:copy-token'>['format'],
  ): Promise<Result<ChannelOutput<'clipboard:copy-token'>>>;
}

const loads = latestRequest();

/** The token store behind the Token tab. */
export const useToken = create<TokenStoreState>((set, get) => ({
  environmentId: null,
  token: null,
  loading: false,
  renewing: false,
  error: null,
  lastEvent: null,
  async load(environmentId) {
    const isLatest = loads.begin();
    const same = get().environmentId === environmentId;
    set({
      environmentId,
      loading: true,
      ...(same ? {} : { token: null, error: null, lastEvent: null }),
    });
    const result = await invoke('token:state', { environmentId });
    if (!isLatest()) return;
    set(
      result.ok
        ? { token: result.value, loading: false, error: null }
        : { loading: false, error: result.error },
    );
  },
  async renew() {
    const environmentId = get().environmentId;
    if (!environmentId) return;
    set({ renewing: true, error: null });
    const result = await invoke('token:renew', { environmentId });
    set({ renewing: false, ...(result.ok ? {} : { error: result.error }) });
    await get().load(environmentId);
  },
  async setAutoRenew(enabled) {
    const environmentId = get().environmentId;
    const token = get().token;
    if (!environmentId || !token) return;
    set({ token: { ...token, autoRenew: enabled } });
    const result = await invoke('token:set-auto-renew', { environmentId, enabled });
    if (!result.ok) set({ token: { ...token, autoRenew: !enabled }, error: result.error });
  },
  copyToken: (environmentId, format) => invoke('clipboard:copy-token', { environmentId, format }),
}));

registerStore('token', useToken);

/** Reloads the token state when main renews it or warns it is expiring. Returns the unsubscriber. */
export function subscribeTokenEvents(): () => void {
  const onChange = (kind: 'renewed' | 'expiring') => (payload: { environmentId: string }) => {
    const { environmentId, load } = useToken.getState();
    if (payload.environmentId !== environmentId) return;
    useToken.setState({ lastEvent: { kind, at: Date.now() } });
    void load(environmentId);
  };
  const stops = [
    onEvent('token:renewed', onChange('renewed')),
    onEvent('token:expiring', onChange('expiring')),
  ];
  return () => stops.forEach((stop) => stop());
}
