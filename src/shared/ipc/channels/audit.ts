import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, AuditEntry, AuditVerification } from '../../domain';

const Count = z.number().int().min(0);

/**
 * What `audit:verify` returns, member by member (unknown members are stripped), for the router's
 * output check; its type keeps it in step with `AuditVerification`.
 */
export const auditVerificationOutput: z.ZodType<AuditVerification> = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('intact'),
    entries: Count,
    hashOnly: z.array(z.object({ from: Count, to: Count })),
  }),
  z.object({
    state: z.literal('broken'),
    entries: Count,
    brokenAt: z.object({ entry: Count, line: Count, reason: z.string() }),
  }),
  z.object({ state: z.literal('unverifiable'), entries: Count, reason: z.string() }),
]);

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
  /** Checks the keyed chain: intact, broken at entry N (and why), or unverifiable (and why). */
  'audit:verify': channel<AuditVerification>()(z.undefined(), auditVerificationOutput),
} as const;

/** Events about the audit log. */
export const auditEvents = {
  'audit:appended': event<AppEvents['audit:appended']>(),
} as const;
