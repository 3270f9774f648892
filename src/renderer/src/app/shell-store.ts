import { create } from 'zustand';
import { registerStore } from '../lib/store-registry';
import type { TabId } from './tabs';

/** The kinds of modal flow the shell opens. */
export type ShellDialogKind =
  'add-environment' | 'edit-environment' | 'remove-environment' | 'create-credential';

/** The open flow, pinned to the environment selected when it opened (a switch must not drop it). */
export interface ShellDialog {
  readonly kind: ShellDialogKind;
  readonly environmentId: string | null;
}

/** Window-level UI state: the tab shown, the open flow and the command palette. */
interface ShellState {
  readonly tab: TabId;
  readonly dialog: ShellDialog | null;
  readonly paletteOpen: boolean;
  setTab(tab: TabId): void;
  openDialog(kind: ShellDialogKind, environmentId?: string | null): void;
  closeDialog(): void;
  setPaletteOpen(open: boolean): void;
}

/** The shell's store: which tab, which dialog, whether the palette is open. */
export const useShell = create<ShellState>((set) => ({
  tab: 'credentials',
  dialog: null,
  paletteOpen: false,
  setTab: (tab) => set({ tab }),
  openDialog: (kind, environmentId = null) =>
    set({ dialog: { kind, environmentId }, paletteOpen: false }),
  closeDialog: () => set({ dialog: null }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
}));

registerStore('shell', useShell);
