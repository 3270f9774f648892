import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `credentials:*` channels. */
export function credentialHandlers({ credentials }: Core): DomainHandlers<'credentials'> {
  return {
    'credentials:list': ({ environmentId }) => credentials.list(environmentId),
    'credentials:create': ({ environmentId, name, expiresAt, keyAlgorithm }) =>
      credentials.create(environmentId, { name, expiresAt, keyAlgorithm }),
    'credentials:revoke': ({ environmentId, clientId }) =>
      credentials.revoke(environmentId, clientId),
    'credentials:rename': ({ environmentId, clientId, name }) =>
      credentials.rename(environmentId, clientId, name),
    'credentials:copy-secret': ({ environmentId, clientId }) =>
      credentials.copySecret(environmentId, clientId),
    'credentials:pending': ({ environmentId }) => credentials.pending(environmentId),
    'credentials:dismiss-pending': ({ environmentId, id }) =>
      credentials.dismissPending(environmentId, id).then(() => null),
  };
}
