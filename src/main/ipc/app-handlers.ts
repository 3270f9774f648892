import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `app:*` channels. */
export function appHandlers(core: Core): DomainHandlers<'app'> {
  return {
    'app:info': () => core.appInfo(),
  };
}
