import { revealHiddenCharacters as shown } from '../../../shared/hidden-characters';
import type { ConfirmRequest } from './confirm-port';
import { about, warnOfHiddenCharacters, type Named } from './confirm-requests';

/**
 * Renaming a registered client (RFC 7592 update): the new name is what others will see at the
 * server, so hidden characters in it (or in the current name) are warned about.
 */
export function renameClientRequest(
  environment: Named,
  clientId: string,
  currentName: string | null,
  name: string,
): ConfirmRequest {
  const env = shown(environment.name);
  const from = currentName === null ? '' : ` from “${shown(currentName)}”`;
  return warnOfHiddenCharacters(
    {
      action: 'credential.rename',
      title: `Rename a registered client in ${env}`,
      detail:
        `Keysmith renames the client ${clientId}${from} to “${shown(name)}” at the authorization server (RFC 7592 update). ` +
        'Its client_id, secret and registration access token stay as they are.',
      environment: about(environment),
      subject: name,
      confirmLabel: 'Rename client',
      typeToConfirm: null,
    },
    environment,
    [
      ...(currentName === null ? [] : [{ what: 'The current name', text: currentName }]),
      { what: 'The new name', text: name },
    ],
  );
}
