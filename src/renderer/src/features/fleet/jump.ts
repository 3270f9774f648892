import { useShell } from '../../app/shell-store';
import { useCredentials } from '../credentials/credentials-store';
import { useEnvironments } from '../environments/environments-store';

/** Switches to an environment (unless it is selected already). */
export async function jumpToEnvironment(environmentId: string): Promise<void> {
  const environments = useEnvironments.getState();
  if (environments.selectedId !== environmentId) await environments.select(environmentId);
}

/**
 * Shows one credential with its actions (rotate, revoke): its environment selected, the
 * Credentials tab open, every status shown and the search set to its client_id.
 */
export async function jumpToCredential(environmentId: string, clientId: string): Promise<void> {
  await jumpToEnvironment(environmentId);
  const credentials = useCredentials.getState();
  credentials.setStatus('all');
  credentials.setSearch(clientId);
  useShell.getState().setTab('credentials');
}

/** Opens a token in the JWT debugger (it stays in this window: the debugger is offline). */
export function inspectToken(token: string): void {
  useShell.getState().setTab('jwt');
  // The debugger's store loads with its tab, so jose stays out of the first screen's bundle.
  void import('../jwt/jwt-store').then(({ useJwt }) => useJwt.getState().setInput(token));
}
