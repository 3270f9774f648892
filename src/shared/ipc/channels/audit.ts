import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, AuditEntry, AuditVerification } from '../../domain';

/** Channels that read the audit log. */
export const auditChannels = {
  'audit:list': channel<readonly AuditEntry[]>()(
    z
      .strictObject({
        environmentId: z.string().min(1).max(100).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .default({}),
  ),
  'audit:verify': channel<AuditVerification>()(z.undefined()),
} as const;

/** Events about the audit log. */
export const auditEvents = {
  'audit:appended': event<AppEvents['audit:appended']>(),
} as const;
