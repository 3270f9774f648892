import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** The handlers of the `audit:*` channels. */
export function auditHandlers({ auditLog }: Core): Pick<Handlers, 'audit:list' | 'audit:verify'> {
  return {
    'audit:list': (query) => auditLog.list(query ?? {}),
    'audit:verify': () => auditLog.verify(),
  };
}
