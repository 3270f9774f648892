import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `token:*` channels. */
export function tokenHandlers({ tokens }: Core): DomainHandlers<'token'> {
  return {
    'token:state': ({ environmentId }) => tokens.state(environmentId),
    'token:renew': ({ environmentId }) => tokens.renew(environmentId),
    'token:set-auto-renew': ({ environmentId, enabled }) =>
      tokens.setAutoRenew(environmentId, enabled),
    'token:reveal': ({ environmentId }) => tokens.reveal(environmentId),
  };
}
