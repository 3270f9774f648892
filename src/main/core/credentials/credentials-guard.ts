import { CREDENTIAL_BACKEND_TRAITS } from '../../../shared/credential-backends';
import type { ConfirmPort } from '../confirm/confirm-port';
import {
  createCredentialRequest,
  dismissPendingRequest,
  revokeCredentialRequest,
} from '../confirm/confirm-requests';
import { renameClientRequest } from '../confirm/rename-request';
import { confirmInProduction } from '../confirm/production-guard';
import type { EnvironmentStore } from '../environments/environment-store';
import type { CredentialsService } from './credentials-service';

/**
 * The credential use cases as the page reaches them: in production, create (its secret comes
 * back to the page), revoke, rename and dismissing a pending registration ask the person first. Main's
 * own flows that already asked (the rotation wizard) use the service underneath, so a person
 * confirms each action once.
 */
export function guardCredentials(
  service: CredentialsService,
  deps: {
    readonly confirm: ConfirmPort;
    readonly environmentStore: Pick<EnvironmentStore, 'get'>;
    /** The name main last listed for a credential (from its snapshot), or null. */
    readonly nameOf?: (environmentId: string, clientId: string) => Promise<string | null>;
  },
): CredentialsService {
  const { confirm, environmentStore } = deps;
  const nameOf = async (environmentId: string, clientId: string): Promise<string | null> =>
    (await deps.nameOf?.(environmentId, clientId).catch(() => null)) ?? null;
  return {
    ...service,
    async create(environmentId, input, options) {
      const environment = environmentStore.get(environmentId);
      await confirmInProduction(confirm, environment, () =>
        createCredentialRequest(environment, input.name),
      );
      return service.create(environmentId, input, options);
    },
    async revoke(environmentId, clientId) {
      const environment = environmentStore.get(environmentId);
      const name = environment.kind === 'production' ? await nameOf(environmentId, clientId) : null;
      await confirmInProduction(confirm, environment, () =>
        revokeCredentialRequest(
          environment,
          clientId,
          environment.activeClientId === clientId,
          name,
        ),
      );
      return service.revoke(environmentId, clientId);
    },
    async rename(environmentId, clientId, name) {
      const environment = environmentStore.get(environmentId);
      // A backend with no rename refuses before anyone is asked.
      if (!CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].renames) {
        return service.rename(environmentId, clientId, name);
      }
      const current =
        environment.kind === 'production' ? await nameOf(environmentId, clientId) : null;
      await confirmInProduction(confirm, environment, () =>
        renameClientRequest(environment, clientId, current, name),
      );
      return service.rename(environmentId, clientId, name);
    },
    async dismissPending(environmentId, id) {
      const environment = environmentStore.get(environmentId);
      const pending = (await service.pending(environmentId)).find((entry) => entry.id === id);
      await confirmInProduction(confirm, environment, () =>
        dismissPendingRequest(environment, pending?.name ?? id),
      );
      return service.dismissPending(environmentId, id);
    },
  };
}
