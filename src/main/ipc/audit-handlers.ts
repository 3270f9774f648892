import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `audit:*` channels. */
export function auditHandlers({ auditLog }: Core): DomainHandlers<'audit'> {
  return {
    'audit:list': (query) => auditLog.list(query ?? {}),
    'audit:verify': () => auditLog.verify(),
  };
}
