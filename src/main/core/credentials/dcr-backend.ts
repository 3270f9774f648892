import { CREDENTIAL_BACKEND_TRAITS } from '../../../shared/credential-backends';
import type { Environment } from '../../../shared/domain';
import { AppFailure, toAppError } from '../../../shared/errors';
import type { BackendCredential, CredentialBackend } from './credential-backend';
import { deleteClient, readClient } from './dcr-client';
import type { DcrDeps } from './dcr-deps';
import type { RegisteredClient } from './dcr-registry';
import { renameDcrClient } from './dcr-rename';
import { forgetLocally, provisionalKeyId, registerDcrClient } from './dcr-register';
import { clientCredential, mapLimited } from './dcr-view';

/** How many clients are read at once when the list is refreshed. */
const READS_AT_ONCE = 4;

/**
 * OAuth 2.0 Dynamic Client Registration as a credential backend: create = RFC 7591 register,
 * list = the clients this app registered (DCR has no list endpoint), each read again with RFC
 * 7592, revoke = RFC 7592 delete. Registration access tokens stay in the keychain; the registry
 * file holds no secret. DCR reports no last use of a client.
 */
export function createDcrBackend(deps: DcrDeps): CredentialBackend {
  const { registry, registrationTokens } = deps;
  const requestOptions = (environment: Environment) => ({
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    clientAuth: environment.clientAuth,
  });

  /** What the server says of one registered client now; a failure is shown on its row, not thrown. */
  const refresh = async (
    environment: Environment,
    registered: RegisteredClient,
  ): Promise<BackendCredential> => {
    try {
      const token = await registrationTokens.sendable(
        environment,
        registered.clientId,
        registered.clientUri,
      );
      const found = await readClient(registered.clientUri, token, requestOptions(environment));
      // RFC 7592 §3 lets a server issue a new registration access token with a read.
      const issued =
        found.state === 'registered' ? found.client.registration_access_token : undefined;
      if (issued !== undefined && issued !== token) {
        await registrationTokens.store(environment, registered.clientId, issued);
      }
      return clientCredential(registered, found, deps.now());
    } catch (error) {
      return clientCredential(
        registered,
        { state: 'unreadable', detail: toAppError(error).message },
        deps.now(),
      );
    }
  };

  /** The registered client, or a not-found naming the environment. */
  const registeredClient = async (
    environment: Environment,
    clientId: string,
  ): Promise<RegisteredClient> => {
    const registered = await registry.client(environment.id, clientId);
    if (registered === null) {
      throw new AppFailure({
        kind: 'not-found',
        message: `${clientId} is not a client Keysmith registered in “${environment.name}”: Keysmith can only manage the clients it registered. Delete others in the server’s console.`,
      });
    }
    return registered;
  };

  return {
    kind: 'dcr',
    reportsLastUse: CREDENTIAL_BACKEND_TRAITS['dcr'].reportsLastUse,
    async list(environment) {
      const clients = await registry.clients(environment.id);
      return mapLimited(clients, READS_AT_ONCE, (registered) => refresh(environment, registered));
    },
    async read(environment, clientId) {
      const registered = await registry.client(environment.id, clientId);
      return registered === null ? null : refresh(environment, registered);
    },
    create: (environment, input, options) => registerDcrClient(deps, environment, input, options),
    async revoke(environment, clientId) {
      const registered = await registeredClient(environment, clientId);
      const token = await registrationTokens.sendable(environment, clientId, registered.clientUri);
      const outcome = await deleteClient(registered.clientUri, token, requestOptions(environment));
      return outcome === 'deleted' ? 'revoked' : 'forgotten';
    },
    async rename(environment, clientId, name) {
      const registered = await registeredClient(environment, clientId);
      return renameDcrClient(deps, environment, registered, name, requestOptions(environment));
    },
    async forget(environment, clientId) {
      await forgetLocally(deps, environment, clientId, null);
      await registry.remove(environment.id, clientId);
    },
    async pending(environment) {
      return (await registry.pending(environment.id)).map((entry) => ({
        id: entry.id,
        name: entry.name,
        startedAt: entry.startedAt,
        clientId: entry.clientId,
        reason: entry.reason,
      }));
    },
    async dismissPending(environment, id) {
      if (!(await registry.dropPending(environment.id, id))) {
        throw new AppFailure({
          kind: 'not-found',
          message: `No pending registration ${id} in “${environment.name}”: reload the list.`,
        });
      }
      await deps.clientKeys.remove(environment, provisionalKeyId(id)).catch(() => undefined);
    },
  };
}
