import type { Core } from '../core/create-core';
import { registerAppIpc } from './app-ipc';
import type { Handlers } from './router';

/** Every channel's handler, grouped by domain; the type makes a missing channel a compile error. */
export function createHandlers(core: Core): Handlers {
  return {
    ...registerAppIpc(core),
  };
}
