import type { Core } from '../core/create-core';
import { fetchJwks } from '../core/jwks/jwks-fetch';
import type { Handlers } from './router';

/** The handlers of the `jwt:*` channels. */
export function jwtHandlers(
  core: Core,
): Pick<Handlers, 'jwt:fetch-jwks' | 'jwt:watch-list' | 'jwt:watch-add' | 'jwt:watch-remove'> {
  return {
    'jwt:fetch-jwks': ({ url }) => fetchJwks(url),
    'jwt:watch-list': () => core.watchList.list(),
    'jwt:watch-add': (input) => core.watchList.add(input),
    'jwt:watch-remove': async ({ id }) => {
      await core.watchList.remove(id);
      return { removed: true } as const;
    },
  };
}
