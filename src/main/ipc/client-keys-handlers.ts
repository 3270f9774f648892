import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `client-keys:*` channels. */
export function clientKeyHandlers({ tokenSide }: Core): DomainHandlers<'client-keys'> {
  return {
    'client-keys:get': ({ environmentId, clientId }) =>
      tokenSide.publicKey(environmentId, clientId),
    'client-keys:generate': ({ environmentId, clientId, alg }) =>
      tokenSide.generateKey(environmentId, clientId, alg),
    'client-keys:remove': ({ environmentId, clientId }) =>
      tokenSide.removeKey(environmentId, clientId),
  };
}
