import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** The handlers of the `credentials:*` channels (copy-secret lives with the clipboard). */
export function credentialHandlers({
  credentials,
}: Core): Pick<Handlers, 'credentials:list' | 'credentials:create' | 'credentials:revoke'> {
  return {
    'credentials:list': ({ environmentId }) => credentials.list(environmentId),
    'credentials:create': ({ environmentId, name, expiresAt }) =>
      credentials.create(environmentId, { name, expiresAt }),
    'credentials:revoke': ({ environmentId, clientId }) =>
      credentials.revoke(environmentId, clientId),
  };
}
