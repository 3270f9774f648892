import { useMemo } from 'react';
import { useShell } from '../../app/shell-store';
import { NEW_CREDENTIAL_KEY, newCredential, shortcutText, tabKey } from '../../app/shortcuts';
import { TABS } from '../../app/tabs';
import { safeLabel } from '../../components/safe-text';
import { useCredentials } from '../credentials/credentials-store';
import { KIND_LABELS, environmentColour } from '../environments/env-colour';
import { useEnvironments } from '../environments/environments-store';
import { useToken } from '../token/token-store';
import type { PaletteCommand } from './palette-filter';

/** The palette's entries: every environment to switch to, every tab, and the main actions. */
export function usePaletteCommands(): readonly PaletteCommand[] {
  const environments = useEnvironments((state) => state.environments);
  const selectedId = useEnvironments((state) => state.selectedId);
  const select = useEnvironments((state) => state.select);
  const { setTab, openDialog } = useShell.getState();

  return useMemo(() => {
    const envCommands: PaletteCommand[] = environments.map((env) => ({
      id: `env:${env.id}`,
      label: safeLabel(env.name),
      group: `${KIND_LABELS[env.kind]} environment`,
      keywords: `switch ${env.kind} ${env.baseUrl} ${env.name}`,
      colour: environmentColour(env),
      current: env.id === selectedId,
      run: () => void select(env.id),
    }));
    const tabCommands: PaletteCommand[] = TABS.map((tab) => ({
      id: `tab:${tab.id}`,
      label: `Go to ${tab.label}`,
      group: 'Go to',
      shortcut: shortcutText(tabKey(tab.id)),
      run: () => setTab(tab.id),
    }));
    const withEnv = selectedId !== null;
    const actions: PaletteCommand[] = [
      {
        id: 'add-env',
        label: 'Add environment',
        group: 'Action',
        run: () => openDialog('add-environment'),
      },
      ...(withEnv
        ? [
            {
              id: 'new-credential',
              label: 'New credential',
              group: 'Action',
              keywords: 'create',
              shortcut: shortcutText(NEW_CREDENTIAL_KEY),
              run: newCredential,
            },
            {
              id: 'refresh-credentials',
              label: 'Refresh credentials',
              group: 'Action',
              run: () => {
                setTab('credentials');
                void useCredentials.getState().refresh();
              },
            },
            {
              id: 'renew-token',
              label: 'Renew token',
              group: 'Action',
              run: () => {
                setTab('token');
                void useToken.getState().renew();
              },
            },
            {
              id: 'edit-env',
              label: 'Edit environment',
              group: 'Action',
              run: () => openDialog('edit-environment', selectedId),
            },
          ]
        : []),
    ];
    return [...envCommands, ...actions, ...tabCommands];
  }, [environments, selectedId, select, setTab, openDialog]);
}
