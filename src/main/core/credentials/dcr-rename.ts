import type { Environment } from '../../../shared/domain';
import { AppFailure, type AppError } from '../../../shared/errors';
import type { BackendCredential } from './credential-backend';
import { readClient, updateClient, type DcrRequestOptions } from './dcr-client';
import type { DcrDeps } from './dcr-deps';
import type { RegisteredClient } from './dcr-registry';
import { clientCredential } from './dcr-view';

/**
 * RFC 7592 rename: reads the client as the server has it now, then PUTs that metadata back with
 * the new `client_name` (§2.2). A registration access token or client secret the server rotates
 * in its answer goes to the keychain (read back) and nowhere else; the registry keeps the new
 * name, so the list shows no "changed at the server" for it.
 */
export async function renameDcrClient(
  deps: DcrDeps,
  environment: Environment,
  registered: RegisteredClient,
  name: string,
  options: DcrRequestOptions,
): Promise<BackendCredential> {
  const { clientId, clientUri } = registered;
  const token = await deps.registrationTokens.sendable(environment, clientId, clientUri);
  const found = await readClient(clientUri, token, options);
  if (found.state === 'gone') {
    // RFC 7592 answers 401 both for an unknown client and for a wrong token: say what the server said.
    const message = `${found.error.message} The server answered HTTP ${found.status} to a read of ${clientId}: it is no longer registered, or its registration access token is no longer valid, so Keysmith cannot rename it. Rename it in the server’s console.`;
    throw new AppFailure({ ...found.error, message } as AppError);
  }
  const updated = await updateClient(clientUri, token, found.client, name, options);
  const issued = updated.registration_access_token;
  if (issued !== undefined && issued !== token) {
    await deps.registrationTokens.store(environment, clientId, issued);
  }
  const secret = updated.client_secret;
  if (secret !== undefined && registered.authMethod !== 'private_key_jwt') {
    const stored = await deps.secrets.read(environment, clientId).catch(() => null);
    if (stored !== secret)
      await deps.secrets.storeClientSecret(environment, clientId, secret, null);
  }
  const renamed: RegisteredClient = { ...registered, name: updated.client_name ?? name };
  await deps.registry.register(renamed);
  return clientCredential(renamed, { state: 'registered', client: updated }, deps.now());
}
