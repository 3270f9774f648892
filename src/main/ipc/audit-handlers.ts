import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** The handlers of the `audit:*` channels. */
export function registerAuditIpc({ audit }: Core): Pick<Handlers, 'audit:list' | 'audit:verify'> {
  return {
    'audit:list': (query) => audit.list(query ?? {}),
    'audit:verify': () => audit.verify(),
  };
}
