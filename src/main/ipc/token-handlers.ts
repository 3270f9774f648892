import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** The handlers of the `token:*` channels. */
export function tokenHandlers({
  tokens,
}: Core): Pick<Handlers, 'token:state' | 'token:renew' | 'token:set-auto-renew' | 'token:reveal'> {
  return {
    'token:state': ({ environmentId }) => tokens.state(environmentId),
    'token:renew': ({ environmentId }) => tokens.renew(environmentId),
    'token:set-auto-renew': ({ environmentId, enabled }) =>
      tokens.setAutoRenew(environmentId, enabled),
    'token:reveal': async ({ environmentId }) => {
      const token = await tokens.current(environmentId);
      return { accessToken: token.accessToken, expiresAt: token.expiresAt };
    },
  };
}
