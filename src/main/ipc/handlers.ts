import type { Core } from '../core/create-core';
import { appHandlers } from './app-handlers';
import { auditHandlers } from './audit-handlers';
import { clientKeyHandlers } from './client-keys-handlers';
import { clipboardHandlers } from './clipboard-handlers';
import { credentialHandlers } from './credentials-handlers';
import { environmentHandlers } from './environments-handlers';
import { jwtHandlers } from './jwt-handlers';
import { rotationHandlers } from './rotation-handlers';
import type { Handlers } from './router';
import { tokenHandlers } from './token-handlers';

/** Every channel's handler, grouped by domain; the type makes a missing channel a compile error. */
export function createHandlers(core: Core): Handlers {
  return {
    ...appHandlers(core),
    ...environmentHandlers(core),
    ...credentialHandlers(core),
    ...tokenHandlers(core),
    ...clientKeyHandlers(core),
    ...clipboardHandlers(core),
    ...auditHandlers(core),
    ...jwtHandlers(core),
    ...rotationHandlers(core),
  };
}
