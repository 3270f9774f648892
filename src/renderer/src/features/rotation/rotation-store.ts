import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ChannelInput, ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { Rotation } from '@shared/rotation';
import { invoke, onEvent } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';

/** The wizard actions that take the rotation id and answer with the next rotation state. */
export type RotationAction =
  | 'rotation:verify'
  | 'rotation:switch'
  | 'rotation:hand-over'
  | 'rotation:poll-usage'
  | 'rotation:finish';

/** What the wizard is doing right now, for busy buttons and step errors. */
export type RotationBusy = RotationAction | 'start' | 'create' | 'revoke' | 'cancel' | 'dismiss';

/** The selected environment's rotation as the wizard shows it. Never a secret: step (a) keeps it in local state. */
interface RotationState {
  readonly environmentId: string | null;
  readonly rotation: Rotation | null;
  readonly loading: boolean;
  /** Why the rotation could not be read (a corrupt rotations.json, say). */
  readonly loadError: AppError | null;
  readonly busy: RotationBusy | null;
  /** The last failed step action, shown in that step and marked in the stepper. */
  readonly stepError: { readonly action: RotationBusy; readonly error: AppError } | null;
  /** A credential picked with "Rotate" in the Credentials tab, to preselect in the start form. */
  readonly requested: { readonly environmentId: string; readonly clientId: string } | null;
  load(environmentId: string): Promise<void>;
  request(environmentId: string, clientId: string): void;
  start(input: { oldClientId: string; name: string; expiresAt: string | null }): Promise<boolean>;
  /** Records the rotation after step (a), which the create component performs itself. */
  created(rotation: Rotation): void;
  run(action: RotationAction): Promise<boolean>;
  revokeOld(acknowledgeRecentUse: boolean): Promise<boolean>;
  cancel(revokeNew: boolean): Promise<boolean>;
  dismiss(): Promise<void>;
  /** Step (a) runs in its component (the secret stays there): it reports its progress here. */
  creating(busy: boolean, error?: AppError | null): void;
  /** Copies a hand-over snippet, in main; with the secret, main reads it from the keychain. */
  copySnippet(
    input: ChannelInput<'rotation:copy-snippet'>,
  ): Promise<Result<ChannelOutput<'rotation:copy-snippet'>>>;
}

const loads = latestRequest();

/** The rotation wizard's store. */
export const useRotation = create<RotationState>((set, get) => {
  /** Runs one call on the current rotation; records its result or its error. */
  const perform = async (
    busy: RotationBusy,
    call: (target: { environmentId: string; rotationId: string }) => Promise<Result<Rotation>>,
  ): Promise<boolean> => {
    const { environmentId, rotation } = get();
    if (environmentId === null || rotation === null) return false;
    set({ busy, stepError: null });
    const result = await call({ environmentId, rotationId: rotation.id });
    if (get().environmentId !== environmentId) return false;
    if (!result.ok) {
      set({ busy: null, stepError: { action: busy, error: result.error } });
      return false;
    }
    set({ busy: null, rotation: result.value });
    return true;
  };

  return {
    environmentId: null,
    rotation: null,
    loading: false,
    loadError: null,
    busy: null,
    stepError: null,
    requested: null,
    async load(environmentId) {
      const isLatest = loads.begin();
      const same = get().environmentId === environmentId;
      set({
        environmentId,
        loading: true,
        ...(same ? {} : { rotation: null, stepError: null, loadError: null, busy: null }),
      });
      const result = await invoke('rotation:get', { environmentId });
      if (!isLatest()) return;
      set(
        result.ok
          ? { rotation: result.value, loading: false, loadError: null }
          : { loading: false, loadError: result.error },
      );
    },
    request(environmentId, clientId) {
      set({ requested: { environmentId, clientId } });
    },
    async start(input) {
      const { environmentId } = get();
      if (environmentId === null) return false;
      set({ busy: 'start', stepError: null });
      const result = await invoke('rotation:start', { environmentId, ...input });
      if (!result.ok) {
        set({ busy: null, stepError: { action: 'start', error: result.error } });
        return false;
      }
      set({ busy: null, rotation: result.value, requested: null });
      return true;
    },
    created(rotation) {
      if (rotation.environmentId === get().environmentId) set({ rotation, stepError: null });
    },
    run: (action) => perform(action, (target) => invoke(action, target)),
    revokeOld: (acknowledgeRecentUse) =>
      perform('revoke', (target) =>
        invoke('rotation:revoke-old', { ...target, acknowledgeRecentUse }),
      ),
    cancel: (revokeNew) =>
      perform('cancel', (target) => invoke('rotation:cancel', { ...target, revokeNew })),
    async dismiss() {
      const { environmentId, rotation } = get();
      if (environmentId === null || rotation === null) return;
      set({ busy: 'dismiss', stepError: null });
      const result = await invoke('rotation:dismiss', { environmentId, rotationId: rotation.id });
      set(
        result.ok
          ? { busy: null, rotation: null }
          : { busy: null, stepError: { action: 'dismiss', error: result.error } },
      );
    },
    creating(busy, error = null) {
      set({ busy: busy ? 'create' : null, stepError: error && { action: 'create', error } });
    },
    copySnippet: (input) => invoke('rotation:copy-snippet', input),
  };
});

registerStore('rotation', useRotation);

/** Reloads the rotation when main says it changed (another window, a resumed step). */
export function subscribeRotationEvents(): () => void {
  return onEvent('rotation:changed', (payload) => {
    const state = useRotation.getState();
    if (payload.environmentId === state.environmentId && state.busy === null) {
      void state.load(payload.environmentId);
    }
  });
}
