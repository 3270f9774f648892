import { create } from 'zustand';
import type { AppError } from '@shared/errors';
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
}

/** The environments store: the sidebar, the banner and every per-environment feature read it. */
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
    const wanted = selected.ok ? selected.value.selectedId : get().selectedId;
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
    set({ selectedId: id, selectError: null });
    const result = await invoke('environments:select', { id });
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
