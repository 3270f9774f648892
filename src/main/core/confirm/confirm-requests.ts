import type { Environment } from '../../../shared/domain';
import type { Rotation } from '../../../shared/rotation';
import type { ConfirmEnvironment, ConfirmRequest } from './confirm-port';

/** The environment fields a confirmation names. */
type Named = Pick<Environment, 'id' | 'name' | 'kind'>;

/** What a destructive action on a credential asks the person to type: its client_id's last 6 characters. */
export function clientIdTail(clientId: string): string {
  return clientId.slice(-6);
}

function about({ id, name, kind }: Named): ConfirmEnvironment {
  return { id, name, kind };
}

/** Lists client_ids in a sentence, without letting a long list take over the window. */
function listIds(clientIds: readonly string[]): string {
  const shown = clientIds.slice(0, 3).join(', ');
  return clientIds.length > 3 ? `${shown} and ${clientIds.length - 3} more` : shown;
}

const STILL_VALID = 'Tokens it already issued stay valid until they expire, for up to an hour.';

/** Creating a credential: its new secret comes back to the app window once. */
export function createCredentialRequest(environment: Named, name: string): ConfirmRequest {
  return {
    action: 'credential.create',
    title: `Create a credential in ${environment.name}`,
    detail:
      `Keysmith creates the credential “${name}” in ${environment.name} and stores its client_secret in the keychain. ` +
      'The secret is then shown once in the Keysmith window, for you to store where your app needs it.',
    environment: about(environment),
    subject: name,
    confirmLabel: 'Create credential',
    typeToConfirm: null,
  };
}

/** Revoking a credential; the one the environment uses gets a warning of its own. */
export function revokeCredentialRequest(
  environment: Named & { readonly credentialBackend?: Environment['credentialBackend'] },
  clientId: string,
  inUse: boolean,
): ConfirmRequest {
  const dcr = environment.credentialBackend === 'dcr';
  return {
    action: 'credential.revoke',
    title: dcr
      ? `Delete a registered client in ${environment.name}`
      : `Revoke a credential in ${environment.name}`,
    detail: dcr
      ? `Keysmith deletes this client’s registration at the authorization server (RFC 7592), with its secret and registration access token in the keychain: it can obtain no new token, and this cannot be undone. ${STILL_VALID}`
      : `Revoking this credential is immediate and irreversible: it can obtain no new token. ${STILL_VALID}`,
    environment: about(environment),
    subject: clientId,
    confirmLabel: 'Revoke credential',
    typeToConfirm: clientIdTail(clientId),
    ...(inUse && {
      warning:
        `This is the credential ${environment.name} uses: once it is revoked, Keysmith and every app configured with it can obtain no new token. ` +
        'To replace it without downtime, cancel and use Rotation instead.',
    }),
  };
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
  return {
    action: 'environment.rebind',
    title: `Change where ${environment.name} sends its secrets`,
    detail:
      'Keysmith then sends the stored client secret and secret headers nowhere until you paste each one again and it is proven against the new endpoint.',
    environment: about(environment),
    subject: changes.join('; '),
    confirmLabel: 'Change environment',
    typeToConfirm: leavesProduction ? environment.name : null,
    ...(leavesProduction && {
      warning: `${environment.name} will no longer be production: Keysmith will stop asking here before revokes, removals and reveals in it.`,
    }),
  };
}

/** Removing an environment deletes its secrets from the keychain. */
export function removeEnvironmentRequest(
  environment: Named & Pick<Environment, 'baseUrl'>,
  clientIds: readonly string[],
): ConfirmRequest {
  const secrets =
    clientIds.length === 0
      ? 'The keychain holds no secret of it.'
      : `Keysmith deletes ${clientIds.length === 1 ? 'the client secret' : `${clientIds.length} client secrets`} of ${listIds(clientIds)} from the OS keychain: if it holds the only copy, that secret is gone for good.`;
  return {
    action: 'environment.remove',
    title: `Remove the environment ${environment.name}`,
    detail: `Keysmith forgets ${environment.name}. ${secrets} The credentials stay valid on the server: revoke them first if they should stop working.`,
    environment: about(environment),
    subject: environment.baseUrl,
    confirmLabel: 'Remove environment',
    typeToConfirm: environment.name,
  };
}

/** Showing the environment's raw access token in the app window. */
export function revealTokenRequest(environment: Named, clientId: string): ConfirmRequest {
  return {
    action: 'token.reveal',
    title: `Show the access token of ${environment.name}`,
    detail:
      `Keysmith puts the raw access token of this credential into the app window. Whoever holds it can call the ${environment.name} API as this client until it expires. ` +
      'To paste it somewhere, Copy is safer: it goes through Keysmith, and the clipboard is cleared after 30 s.',
    environment: about(environment),
    subject: clientId,
    confirmLabel: 'Reveal token',
    typeToConfirm: null,
  };
}

/** Step (a) of a rotation: the replacement's secret comes back to the app window once. */
export function rotationCreateRequest(environment: Named, rotation: Rotation): ConfirmRequest {
  const { old, replacement } = rotation;
  return {
    action: 'rotation.create',
    title: `Create the replacement credential in ${environment.name}`,
    detail:
      `Keysmith creates “${replacement.name}” to replace “${old.name}” (${old.clientId}) and stores its client_secret in the keychain. ` +
      'The secret is then shown once in the Keysmith window.',
    environment: about(environment),
    subject: replacement.name,
    confirmLabel: 'Create credential',
    typeToConfirm: null,
  };
}

/** Step (f) of a rotation; "revoke anyway" carries the warning that the old key is still used. */
export function revokeOldRequest(
  environment: Named,
  rotation: Rotation,
  acknowledgeRecentUse: boolean,
): ConfirmRequest {
  const { old, replacement, watch } = rotation;
  const usedAt = watch?.usedAfterSwitch === true ? watch.oldLastUsedAt : null;
  return {
    action: 'rotation.revoke-old',
    title: `Revoke the old credential in ${environment.name}`,
    detail: `Revoking “${old.name}” is immediate and irreversible: it can obtain no new token, and “${replacement.name}” stays in use. ${STILL_VALID}`,
    environment: about(environment),
    subject: old.clientId,
    confirmLabel: 'Revoke old credential',
    typeToConfirm: clientIdTail(old.clientId),
    ...(acknowledgeRecentUse && {
      warning:
        usedAt !== null
          ? `“${old.name}” was used recently (${usedAt}), after the switch: an app still holds it and fails once its current token expires. You chose to revoke it anyway.`
          : `You chose to revoke “${old.name}” even if an app still uses it: such an app fails once its current token expires.`,
    }),
  };
}

/** Cancelling a rotation and revoking what it created. */
export function cancelRevokeNewRequest(
  environment: Named,
  rotation: Rotation,
  clientIds: readonly string[],
  switchBack: boolean,
): ConfirmRequest {
  const { old, replacement } = rotation;
  return {
    action: 'rotation.cancel-revoke-new',
    title: `Cancel the rotation in ${environment.name} and revoke the new credential`,
    detail:
      `Keysmith stops the rotation and revokes “${replacement.name}” (${listIds(clientIds)}), immediately and irreversibly. ` +
      `“${old.name}” stays active${switchBack ? ', and the environment uses it again' : ''}.`,
    environment: about(environment),
    subject: clientIds.join(', '),
    confirmLabel: 'Cancel and revoke',
    typeToConfirm: clientIdTail(clientIds[0] ?? ''),
  };
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
