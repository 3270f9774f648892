import { useCallback, useEffect, useState } from 'react';
import { useShell } from '../../app/shell-store';
import { useEnvironments } from '../environments/environments-store';
import { useFleet } from '../fleet/fleet-store';
import { inspectToken, jumpToCredential, jumpToEnvironment } from '../fleet/jump';
import { CommandPalette } from './command-palette';
import { findCommands, type FindActions } from './find-commands';
import type { PaletteCommand } from './palette-filter';
import { usePaletteQuery } from './palette-query-store';

const ACTIONS: FindActions = {
  jumpToEnvironment: (id) => void jumpToEnvironment(id),
  jumpToCredential: (id, clientId) => void jumpToCredential(id, clientId),
  showKeys: (id) => {
    void jumpToEnvironment(id);
    useShell.getState().setTab('fleet');
  },
  inspectToken,
};

/**
 * The command palette with "find": typing or pasting a client_id, a credential name, a kid or a
 * whole token lists where it belongs across every environment, with a jump there. The index of
 * identifiers loads when the palette first opens; a pasted token is matched here, in the page.
 */
export function FindPalette({
  commands,
  onClose,
}: {
  commands: readonly PaletteCommand[];
  onClose: () => void;
}) {
  const finder = useFleet((state) => state.finder);
  const loadIndex = useFleet((state) => state.loadIndex);
  const environments = useEnvironments((state) => state.environments);
  const initialQuery = usePaletteQuery((state) => state.initialQuery);
  const clearQuery = usePaletteQuery((state) => state.clear);
  useEffect(() => {
    void loadIndex();
  }, [loadIndex]);
  // The palette took the query: a pasted token is not kept around after it closes.
  const [query] = useState(initialQuery);
  useEffect(() => clearQuery, [clearQuery]);
  const search = useCallback(
    (text: string) => findCommands(text, finder, environments, ACTIONS),
    [finder, environments],
  );
  return (
    <CommandPalette commands={commands} onClose={onClose} search={search} initialQuery={query} />
  );
}
