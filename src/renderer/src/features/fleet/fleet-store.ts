import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import { effectiveSkewMs } from '@shared/fleet/clock-skew';
import { buildFinder, type Finder } from '@shared/fleet/matcher';
import type {
  FleetSettings,
  SnapshotCredentials,
  SnapshotRefresh,
  SnapshotSummary,
} from '@shared/fleet/snapshot-types';
import { unpackCredentials } from '@shared/fleet/snapshot-types';
import type { Result } from '@shared/result';
import { invoke, onEvent } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';

/**
 * What main kept of every environment, as the page uses it: the summaries (loaded with the
 * shell: the status bar reads the clocks), and, loaded when first needed, the find index and
 * every kept list (for the fleet view). Identifiers and dates only: never a secret or a token.
 */
interface FleetState {
  readonly summaries: readonly SnapshotSummary[];
  /** Built from main's index when "find", the alarm or the matcher first needs it. */
  readonly finder: Finder | null;
  /** Main's snapshots changed since the finder was built: it is rebuilt when next asked, or idle. */
  readonly indexStale: boolean;
  readonly indexLoading: boolean;
  readonly fleet: readonly SnapshotCredentials[] | null;
  readonly fleetLoading: boolean;
  readonly settings: FleetSettings | null;
  readonly error: AppError | null;
  /** Environments whose refresh is running. */
  readonly refreshing: ReadonlySet<string>;
  loadSummaries(): Promise<void>;
  /** Loads the find index unless it is loaded and current (or `force`). */
  loadIndex(force?: boolean): Promise<Finder | null>;
  loadFleet(force?: boolean): Promise<void>;
  loadSettings(): Promise<void>;
  setSettings(patch: Partial<FleetSettings>): Promise<AppError | null>;
  /** Asks main to list the environment's credentials and fetch its keys now. */
  refresh(environmentId: string): Promise<Result<SnapshotRefresh>>;
}

const indexLoads = latestRequest();
const fleetLoads = latestRequest();

/** The fleet store behind the status bar's clock, "find", the debugger's alarm and the fleet view. */
export const useFleet = create<FleetState>((set, get) => ({
  summaries: [],
  finder: null,
  indexStale: false,
  indexLoading: false,
  fleet: null,
  fleetLoading: false,
  settings: null,
  error: null,
  refreshing: new Set(),
  async loadSummaries() {
    const result = await invoke('snapshots:summaries');
    set(result.ok ? { summaries: result.value } : { error: result.error });
  },
  async loadIndex(force = false) {
    if (get().finder !== null && !get().indexStale && !force) return get().finder;
    const isLatest = indexLoads.begin();
    set({ indexLoading: true, indexStale: false });
    const result = await invoke('snapshots:index');
    if (!isLatest()) return get().finder;
    if (!result.ok) {
      set({ indexLoading: false, error: result.error });
      return get().finder;
    }
    const finder = buildFinder(result.value);
    set({ indexLoading: false, finder });
    return finder;
  },
  async loadFleet(force = false) {
    if (get().fleet !== null && !force) return;
    const isLatest = fleetLoads.begin();
    set({ fleetLoading: true });
    const result = await invoke('snapshots:fleet');
    if (!isLatest()) return;
    set(
      result.ok
        ? { fleet: result.value.map(unpackCredentials), fleetLoading: false }
        : { fleetLoading: false, error: result.error },
    );
  },
  async loadSettings() {
    const result = await invoke('snapshots:settings');
    set(result.ok ? { settings: result.value } : { error: result.error });
  },
  async setSettings(patch) {
    const result = await invoke('snapshots:set-settings', patch);
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return null;
  },
  async refresh(environmentId) {
    set({ refreshing: new Set([...get().refreshing, environmentId]) });
    const result = await invoke('snapshots:refresh', { environmentId });
    const refreshing = new Set(get().refreshing);
    refreshing.delete(environmentId);
    set({ refreshing });
    return result;
  },
}));

registerStore('fleet', useFleet);

/** The offset to apply to an environment's token times: its server's, when past 30 s; else 0. */
export function useSkewMs(environmentId: string | null | undefined): number {
  return useFleet((state) =>
    effectiveSkewMs(
      state.summaries.find((summary) => summary.environmentId === environmentId)?.clock ?? null,
    ),
  );
}

let reloadTimer: number | null = null;

/** Reloads what is loaded when main's snapshots change (debounced). Returns the unsubscriber. */
export function subscribeFleetEvents(): () => void {
  const reload = () => {
    if (reloadTimer !== null) window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => {
      reloadTimer = null;
      const state = useFleet.getState();
      void state.loadSummaries();
      // Building the finder over tens of thousands of identifiers takes a few hundred ms: not on
      // every change, but when someone next finds, or while the page is idle.
      if (state.finder !== null) {
        useFleet.setState({ indexStale: true });
        window.requestIdleCallback(() => void useFleet.getState().loadIndex(), { timeout: 5000 });
      }
      if (state.fleet !== null) void state.loadFleet(true);
    }, 150);
  };
  const stops = [onEvent('snapshots:changed', reload), onEvent('environments:updated', reload)];
  return () => stops.forEach((stop) => stop());
}
