import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, AuditEntry, AuditVerification } from '../../domain';

const AuditEntryOutput = z.object({
  seq: z.number(),
  at: z.string(),
  environmentId: z.string().nullable(),
  action: z.string(),
  clientId: z.string().optional(),
  idempotencyKey: z.string().optional(),
  instance: z.string().optional(),
  outcome: z.string().optional(),
});

/** Channels that read the audit log. */
export const auditChannels = {
  'audit:list': channel<readonly AuditEntry[]>()(
    z
      .strictObject({
        environmentId: z.string().min(1).max(100).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .default({}),
    z.array(AuditEntryOutput),
  ),
  'audit:verify': channel<AuditVerification>()(
    z.undefined(),
    z.object({
      valid: z.boolean(),
      entries: z.number(),
      brokenAt: z.object({ line: z.number(), reason: z.string() }).optional(),
    }),
  ),
} as const;

/** Events about the audit log. */
export const auditEvents = {
  'audit:appended': event<AppEvents['audit:appended']>(),
} as const;
