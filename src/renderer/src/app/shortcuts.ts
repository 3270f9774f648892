import { useEffect } from 'react';
import { anyDialogOpen } from '../components/dialog-stack';
import { useEnvironments } from '../features/environments/environments-store';
import { useShell } from './shell-store';
import { TABS, type TabId } from './tabs';

/** The modifier of every shortcut, as the keyboard in front of the person names it. */
const MOD = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';

/** How a shortcut reads: "Ctrl K", "⌘ 1". */
export function shortcutText(key: string): string {
  return `${MOD} ${key.toUpperCase()}`;
}

/** The command palette's key, with Ctrl (Cmd on macOS). */
export const PALETTE_KEY = 'k';

/** "New credential" in the selected environment. */
export const NEW_CREDENTIAL_KEY = 'n';

/** The key of each tab: 1 for the first. */
export function tabKey(tab: TabId): string {
  return String(TABS.findIndex((entry) => entry.id === tab) + 1);
}

/** Starts "New credential" in the selected environment, on the Credentials tab. */
export function newCredential(): void {
  const selectedId = useEnvironments.getState().selectedId;
  if (selectedId === null) return;
  const shell = useShell.getState();
  shell.setTab('credentials');
  shell.openDialog('create-credential', selectedId);
}

/** Runs the shortcut a key press names; true when it did. */
function runShortcut(key: string): boolean {
  const shell = useShell.getState();
  if (key === PALETTE_KEY) {
    if (shell.dialog === null) shell.setPaletteOpen(!shell.paletteOpen);
    return true;
  }
  // An open dialog or palette owns the keyboard: nothing behind it moves.
  if (shell.paletteOpen || anyDialogOpen()) return false;
  const tab = TABS[Number(key) - 1];
  if (/^[1-9]$/.test(key) && tab) {
    shell.setTab(tab.id);
    return true;
  }
  if (key === NEW_CREDENTIAL_KEY && useEnvironments.getState().selectedId !== null) {
    newCredential();
    return true;
  }
  return false;
}

/**
 * The window's keyboard shortcuts, with Ctrl (Cmd on macOS): K opens the command palette from
 * anywhere, a digit goes to the tab of that number, N starts a new credential. The palette lists each beside its command.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (runShortcut(event.key.toLowerCase())) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
