import type { Core } from '../core/create-core';
import { registerAppIpc } from './app-ipc';
import { registerAuditIpc } from './audit-ipc';
import { registerClipboardIpc } from './clipboard-ipc';
import { registerCredentialsIpc } from './credentials-ipc';
import { registerEnvironmentsIpc } from './environments-ipc';
import { registerJwtIpc } from './jwt-ipc';
import { registerRotationIpc } from './rotation-ipc';
import type { Handlers } from './router';
import { registerTokenIpc } from './token-ipc';

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
