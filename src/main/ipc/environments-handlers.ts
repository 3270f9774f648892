import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `environments:*` channels. */
export function environmentHandlers({
  environments,
  tokenSide,
}: Core): DomainHandlers<'environments'> {
  return {
    'environments:list': () => environments.list(),
    'environments:get-selected': () => ({ selectedId: environments.selectedId() }),
    'environments:select': ({ id }) => environments.select(id),
    'environments:add': (input) => environments.add(input),
    'environments:update': ({ id, patch, secretHeaderValues, initialAccessToken }) =>
      environments.update(id, patch, secretHeaderValues, initialAccessToken),
    'environments:remove': ({ id }) => environments.remove(id),
    'environments:store-secret': ({ id, clientId, clientSecret }) =>
      environments.storeSecret(id, clientId, clientSecret),
    'environments:discover': ({ issuer, kind }) => tokenSide.discover(issuer, kind),
    'environments:set-active-credential': ({ id, clientId }) =>
      environments.setActiveCredential(id, clientId),
  };
}
