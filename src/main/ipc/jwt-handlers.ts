import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `jwt:*` channels: what the JWT debugger needs from main. */
export function jwtHandlers({ jwks, watchList }: Core): DomainHandlers<'jwt'> {
  return {
    'jwt:fetch-jwks': (source) => jwks.fetch(source),
    'jwt:watch-list': () => watchList.list(),
    'jwt:watch-add': (input) => watchList.add(input),
    'jwt:watch-remove': ({ id }) => watchList.remove(id),
  };
}
