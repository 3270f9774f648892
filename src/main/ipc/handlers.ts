import type { Core } from '../core/create-core';
import { registerAppIpc } from './app-handlers';
import { registerAuditIpc } from './audit-handlers';
import { registerClipboardIpc } from './clipboard-handlers';
import { registerCredentialsIpc } from './credentials-handlers';
import { registerEnvironmentsIpc } from './environments-handlers';
import { registerJwtIpc } from './jwt-handlers';
import { registerRotationIpc } from './rotation-handlers';
import type { Handlers } from './router';
import { registerTokenIpc } from './token-handlers';

/** Every channel's handler, grouped by domain; the type makes a missing channel a compile error. */
export function createHandlers(core: Core): Handlers {
  return {
    ...registerAppIpc(core),
    ...registerEnvironmentsIpc(core),
    ...registerCredentialsIpc(core),
    ...registerTokenIpc(core),
    ...registerClipboardIpc(core),
    ...registerAuditIpc(core),
    ...registerJwtIpc(core),
    ...registerRotationIpc(core),
  };
}
