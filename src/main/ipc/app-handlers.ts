import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** The handlers of the `app:*` channels. */
export function appHandlers(core: Core): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => core.appInfo(),
  };
}
