import type { Environment } from '../../../shared/domain';
import {
  hiddenCharactersWarning,
  revealHiddenCharacters as shown,
  type NamedText,
} from '../../../shared/hidden-characters';
import type { Rotation } from '../../../shared/rotation';
import type { ConfirmEnvironment, ConfirmRequest } from './confirm-port';

/** The environment fields a confirmation names. */
export type Named = Pick<Environment, 'id' | 'name' | 'kind'>;

/** What a destructive action on a credential asks the person to type: its client_id's last 6 characters. */
export function clientIdTail(clientId: string): string {
  return clientId.slice(-6);
}

/** The environment as a confirmation names it. */
export function about({ id, name, kind }: Named): ConfirmEnvironment {
  return { id, name, kind };
}

/**
 * Names come from servers and may hold invisible or bidi control characters that make one name
 * look like another: the prose shows them as ⟨U+…⟩ markers (`shown`), and a request naming such
 * a name warns first, before any warning of its own.
 */
export function warnOfHiddenCharacters(
  request: ConfirmRequest,
  environment: Named,
  names: readonly NamedText[],
): ConfirmRequest {
  const hidden = hiddenCharactersWarning([
    { what: 'The environment name', text: environment.name },
    ...names,
  ]);
  if (hidden === null) return request;
  return { ...request, warning: request.warning ? `${hidden} ${request.warning}` : hidden };
}

/** Lists client_ids in a sentence, without letting a long list take over the window. */
function listIds(clientIds: readonly string[]): string {
  const shown = clientIds.slice(0, 3).join(', ');
  return clientIds.length > 3 ? `${shown} and ${clientIds.length - 3} more` : shown;
}

const STILL_VALID = 'Tokens it already issued stay valid until they expire, for up to an hour.';

/** Creating a credential: its new secret comes back to the app window once. */
export function createCredentialRequest(environment: Named, name: string): ConfirmRequest {
  const env = shown(environment.name);
  return warnOfHiddenCharacters(
    {
      action: 'credential.create',
      title: `Create a credential in ${env}`,
      detail:
        `Keysmith creates the credential “${shown(name)}” in ${env} and stores its client_secret in the keychain. ` +
        'The secret is then shown once in the Keysmith window, for you to store where your app needs it.',
      environment: about(environment),
      subject: name,
      confirmLabel: 'Create credential',
      typeToConfirm: null,
    },
    environment,
    [{ what: 'The new credential’s name', text: name }],
  );
}

/**
 * Revoking a credential; the one the environment uses gets a warning of its own. Main's window
 * names it by client_id (what the person types) and by the name main last listed for it (null
 * when main has none): a name, client_id or environment name with hidden characters is warned about.
 */
export function revokeCredentialRequest(
  environment: Named & { readonly credentialBackend?: Environment['credentialBackend'] },
  clientId: string,
  inUse: boolean,
  name: string | null = null,
): ConfirmRequest {
  const env = shown(environment.name);
  const dcr = environment.credentialBackend === 'dcr';
  const called = name === null ? '' : ` “${shown(name)}”`;
  return warnOfHiddenCharacters(
    {
      action: 'credential.revoke',
      title: dcr ? `Delete a registered client in ${env}` : `Revoke a credential in ${env}`,
      detail: dcr
        ? `Keysmith deletes the registration of this client${called} at the authorization server (RFC 7592), with its secret and registration access token in the keychain: it can obtain no new token, and this cannot be undone. ${STILL_VALID}`
        : `Revoking this credential${called} is immediate and irreversible: it can obtain no new token. ${STILL_VALID}`,
      environment: about(environment),
      subject: clientId,
      confirmLabel: dcr ? 'Delete client' : 'Revoke credential',
      typeToConfirm: clientIdTail(clientId),
      ...(inUse && {
        warning:
          `This is the credential ${env} uses: once it is revoked, Keysmith and every app configured with it can obtain no new token. ` +
          'To replace it without downtime, cancel and use Rotation instead.',
      }),
    },
    environment,
    [
      ...(name === null ? [] : [{ what: 'The credential name', text: name }]),
      { what: 'The client_id', text: clientId },
    ],
  );
}

/**
 * Dismissing a registration whose answer was lost: Keysmith stops showing that a client of this
 * name may exist at the server, so the person says they checked its console.
 */
export function dismissPendingRequest(environment: Named, name: string): ConfirmRequest {
  return {
    action: 'credential.dismiss-pending',
    title: `Dismiss a pending registration in ${environment.name}`,
    detail:
      `The answer to the registration of “${name}” never arrived, so the server may have registered it. ` +
      'Once dismissed, Keysmith no longer lists it: dismiss it only after checking the server’s console (and deleting the client there if it exists).',
    environment: about(environment),
    subject: name,
    confirmLabel: 'Dismiss',
    typeToConfirm: null,
  };
}

/**
 * Repointing a production environment (token endpoint or API origin) or making it another kind:
 * its stored secrets are sent nowhere until each is pasted and proven again, and once it is no
 * longer production, main stops asking before destructive actions. Leaving production asks for
 * the environment's name to be typed.
 */
export function rebindEnvironmentRequest(
  environment: Named,
  changes: readonly string[],
  leavesProduction: boolean,
): ConfirmRequest {
  const env = shown(environment.name);
  return warnOfHiddenCharacters(
    {
      action: 'environment.rebind',
      title: `Change where ${env} sends its secrets`,
      detail:
        'Keysmith then sends the stored client secret and secret headers nowhere until you paste each one again and it is proven against the new endpoint.',
      environment: about(environment),
      subject: changes.join('; '),
      confirmLabel: 'Change environment',
      typeToConfirm: leavesProduction ? environment.name : null,
      ...(leavesProduction && {
        warning: `${env} will no longer be production: Keysmith will stop asking here before revokes, removals and reveals in it.`,
      }),
    },
    environment,
    [],
  );
}

/** Removing an environment deletes its secrets from the keychain. */
export function removeEnvironmentRequest(
  environment: Named & Pick<Environment, 'baseUrl'>,
  clientIds: readonly string[],
  /** The clients whose private_key_jwt key goes too. */
  keyClientIds: readonly string[] = [],
): ConfirmRequest {
  const env = shown(environment.name);
  const keys =
    keyClientIds.length === 0
      ? ''
      : ` It also deletes the private key${keyClientIds.length === 1 ? '' : 's'} of ${shown(listIds(keyClientIds))}: the server then rejects ${keyClientIds.length === 1 ? 'that client' : 'those clients'} until a new key is registered.`;
  const secrets =
    clientIds.length === 0
      ? keys === ''
        ? 'The keychain holds no secret of it.'
        : keys.trim()
      : `Keysmith deletes ${clientIds.length === 1 ? 'the client secret' : `${clientIds.length} client secrets`} of ${shown(listIds(clientIds))} from the OS keychain: if it holds the only copy, that secret is gone for good.${keys}`;
  return warnOfHiddenCharacters(
    {
      action: 'environment.remove',
      title: `Remove the environment ${env}`,
      detail: `Keysmith forgets ${env}. ${secrets} The credentials stay valid on the server: revoke them first if they should stop working.`,
      environment: about(environment),
      subject: environment.baseUrl,
      confirmLabel: 'Remove environment',
      typeToConfirm: environment.name,
    },
    environment,
    [],
  );
}

/** Showing the environment's raw access token in the app window. */
export function revealTokenRequest(environment: Named, clientId: string): ConfirmRequest {
  const env = shown(environment.name);
  return warnOfHiddenCharacters(
    {
      action: 'token.reveal',
      title: `Show the access token of ${env}`,
      detail:
        `Keysmith puts the raw access token of this credential into the app window. Whoever holds it can call the ${env} API as this client until it expires. ` +
        'To paste it somewhere, Copy is safer: it goes through Keysmith, and the clipboard is cleared after 30 s.',
      environment: about(environment),
      subject: clientId,
      confirmLabel: 'Reveal token',
      typeToConfirm: null,
    },
    environment,
    [{ what: 'The client_id', text: clientId }],
  );
}

/** The names of a rotation's two credentials, for the hidden-character check. */
function rotationNames({ old, replacement }: Rotation): NamedText[] {
  return [
    { what: 'The old credential’s name', text: old.name },
    { what: 'The old client_id', text: old.clientId },
    { what: 'The new credential’s name', text: replacement.name },
  ];
}

/** Step (a) of a rotation: the replacement's secret comes back to the app window once. */
export function rotationCreateRequest(environment: Named, rotation: Rotation): ConfirmRequest {
  const { old, replacement } = rotation;
  const env = shown(environment.name);
  return warnOfHiddenCharacters(
    {
      action: 'rotation.create',
      title: `Create the replacement credential in ${env}`,
      detail:
        `Keysmith creates “${shown(replacement.name)}” to replace “${shown(old.name)}” (${shown(old.clientId)}) and stores its client_secret in the keychain. ` +
        'The secret is then shown once in the Keysmith window.',
      environment: about(environment),
      subject: replacement.name,
      confirmLabel: 'Create credential',
      typeToConfirm: null,
    },
    environment,
    rotationNames(rotation),
  );
}

/** Step (f) of a rotation; "revoke anyway" carries the warning that the old key is still used. */
export function revokeOldRequest(
  environment: Named,
  rotation: Rotation,
  acknowledgeRecentUse: boolean,
): ConfirmRequest {
  const { old, replacement, watch } = rotation;
  const usedAt = watch?.usedAfterSwitch === true ? watch.oldLastUsedAt : null;
  const oldName = shown(old.name);
  return warnOfHiddenCharacters(
    {
      action: 'rotation.revoke-old',
      title: `Revoke the old credential in ${shown(environment.name)}`,
      detail: `Revoking “${oldName}” is immediate and irreversible: it can obtain no new token, and “${shown(replacement.name)}” stays in use. ${STILL_VALID}`,
      environment: about(environment),
      subject: old.clientId,
      confirmLabel: 'Revoke old credential',
      typeToConfirm: clientIdTail(old.clientId),
      ...(acknowledgeRecentUse && {
        warning:
          usedAt !== null
            ? `“${oldName}” was used recently (${usedAt}), after the switch: an app still holds it and fails once its current token expires. You chose to revoke it anyway.`
            : `You chose to revoke “${oldName}” even if an app still uses it: such an app fails once its current token expires.`,
      }),
    },
    environment,
    rotationNames(rotation),
  );
}

/** Cancelling a rotation and revoking what it created. */
export function cancelRevokeNewRequest(
  environment: Named,
  rotation: Rotation,
  clientIds: readonly string[],
  switchBack: boolean,
): ConfirmRequest {
  const { old, replacement } = rotation;
  const env = shown(environment.name);
  return warnOfHiddenCharacters(
    {
      action: 'rotation.cancel-revoke-new',
      title: `Cancel the rotation in ${env} and revoke the new credential`,
      detail:
        `Keysmith stops the rotation and revokes “${shown(replacement.name)}” (${shown(listIds(clientIds))}), immediately and irreversibly. ` +
        `“${shown(old.name)}” stays active${switchBack ? ', and the environment uses it again' : ''}.`,
      environment: about(environment),
      subject: clientIds.join(', '),
      confirmLabel: 'Cancel and revoke',
      typeToConfirm: clientIdTail(clientIds[0] ?? ''),
    },
    environment,
    [...rotationNames(rotation), ...clientIds.map((text) => ({ what: 'The new client_id', text }))],
  );
}

/**
 * Generating, replacing or deleting the private key a private_key_jwt client signs with: a
 * replaced or deleted key is gone for good, and the server rejects the client until it has the
 * new public key.
 */
export function clientKeyRequest(
  environment: Named,
  clientId: string,
  what: 'generate' | 'replace' | 'remove',
): ConfirmRequest {
  const gone =
    'The key it has now is deleted from the keychain for good: the server rejects this client until you register the new public key (or certificate) with it.';
  const detail = {
    generate: `Keysmith makes a new key pair for ${clientId} and keeps its private key in the OS keychain. Register its public key (or certificate) with the server before the next token request.`,
    replace: `Keysmith makes a new key pair for ${clientId}. ${gone}`,
    remove: `Keysmith deletes the private key of ${clientId} from the OS keychain. Its tokens can no longer be renewed; generate a new key and register it to use the client again.`,
  }[what];
  return {
    action: what === 'remove' ? 'client-key.remove' : 'client-key.generate',
    title: `${what === 'remove' ? 'Delete' : what === 'replace' ? 'Replace' : 'Generate'} the private key of a client in ${environment.name}`,
    detail,
    environment: about(environment),
    subject: clientId,
    confirmLabel:
      what === 'remove' ? 'Delete key' : what === 'replace' ? 'Replace key' : 'Generate key',
    typeToConfirm: what === 'generate' ? null : clientIdTail(clientId),
  };
}
