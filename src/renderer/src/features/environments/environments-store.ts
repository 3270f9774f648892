import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ChannelInput, ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { EnvironmentView } from '../../lib/domain';
import { invoke, onEvent } from '../../lib/ipc';
import { registerStore } from '../../lib/store-registry';

/** The environments main knows, which one is selected, and how loading went. */
interface EnvironmentsState {
  readonly environments: readonly EnvironmentView[];
  readonly selectedId: string | null;
  readonly loading: boolean;
  readonly loaded: boolean;
  readonly error: AppError | null;
  /** A failed switch, shown in the sidebar. */
  readonly selectError: AppError | null;
  load(): Promise<void>;
  select(id: string): Promise<void>;
  /** Puts a changed or new environment into the list without a round trip. */
  upsert(environment: EnvironmentView): void;
  /** Adds an environment (main proves its credential first, unless asked not to) and selects it. */
  add(input: ChannelInput<'environments:add'>): Promise<Result<ChannelOutput<'environments:add'>>>;
  /** Saves changed settings of an environment. */
  update(
    input: ChannelInput<'environments:update'>,
  ): Promise<Result<ChannelOutput<'environments:update'>>>;
  /** Hands a pasted secret to main for the keychain; it passes through, the store never keeps it. */
  storeSecret(
    input: ChannelInput<'environments:store-secret'>,
  ): Promise<Result<ChannelOutput<'environments:store-secret'>>>;
  /** Makes a credential the one the environment gets its tokens with. */
  setActiveCredential(
    id: string,
    clientId: string,
  ): Promise<Result<ChannelOutput<'environments:set-active-credential'>>>;
  /** Removes an environment and its keychain entries, then reloads the list. */
  remove(id: string): Promise<Result<ChannelOutput<'environments:remove'>>>;
}

/** The environments store: the sidebar, the banner and every per-environment feature read it. */
/** The environment the person is switching to, until main has taken the switch. */
let selecting: string | null = null;

export const useEnvironments = create<EnvironmentsState>((set, get) => ({
  environments: [],
  selectedId: null,
  loading: false,
  loaded: false,
  error: null,
  selectError: null,
  async load() {
    set({ loading: true });
    const [list, selected] = await Promise.all([
      invoke('environments:list'),
      invoke('environments:get-selected'),
    ]);
    if (!list.ok) {
      set({ loading: false, error: list.error });
      return;
    }
    const ids = new Set(list.value.map((env) => env.id));
    // A switch the person just made wins over main's answer, which may predate it.
    const wanted = selecting ?? (selected.ok ? selected.value.selectedId : get().selectedId);
    set({
      environments: list.value,
      selectedId: wanted !== null && ids.has(wanted) ? wanted : (list.value[0]?.id ?? null),
      loading: false,
      loaded: true,
      error: null,
    });
  },
  async select(id) {
    if (id === get().selectedId) return;
    const previous = get().selectedId;
    selecting = id;
    set({ selectedId: id, selectError: null });
    const result = await invoke('environments:select', { id });
    if (selecting === id) selecting = null;
    if (!result.ok) set({ selectedId: previous, selectError: result.error });
  },
  upsert(environment) {
    const list = get().environments;
    const exists = list.some((env) => env.id === environment.id);
    set({
      environments: exists
        ? list.map((env) => (env.id === environment.id ? environment : env))
        : [...list, environment],
    });
  },
  async add(input) {
    const result = await invoke('environments:add', input);
    if (result.ok) {
      get().upsert(result.value.environment);
      await get().select(result.value.environment.id);
    }
    return result;
  },
  update: (input) => invoke('environments:update', input),
  storeSecret: (input) => invoke('environments:store-secret', input),
  setActiveCredential: (id, clientId) =>
    invoke('environments:set-active-credential', { id, clientId }),
  async remove(id) {
    const result = await invoke('environments:remove', { id });
    if (result.ok) await get().load();
    return result;
  },
}));

registerStore('environments', useEnvironments);

/** The selected environment, or null before load or when there is none. */
export function useSelectedEnvironment(): EnvironmentView | null {
  return useEnvironments(
    (state) => state.environments.find((env) => env.id === state.selectedId) ?? null,
  );
}

/** Keeps the store in step with main: switches made elsewhere and list changes. Returns the unsubscriber. */
export function subscribeEnvironmentEvents(): () => void {
  const stops = [
    onEvent('environment:changed', (payload) => {
      const { environments } = useEnvironments.getState();
      // An event sent before the person's latest switch reached main would undo that switch.
      if (selecting !== null && payload.selectedId !== selecting) return;
      if (environments.some((env) => env.id === payload.selectedId)) {
        useEnvironments.setState({ selectedId: payload.selectedId });
      } else {
        void useEnvironments.getState().load();
      }
    }),
    onEvent('environments:updated', () => void useEnvironments.getState().load()),
  ];
  return () => stops.forEach((stop) => stop());
}
