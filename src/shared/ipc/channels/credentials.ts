import { z } from 'zod';
import { channel } from '../define';
import type { CapturedCredential, CredentialView } from '../../domain';

const EnvironmentId = z.string().min(1).max(100);
const ClientId = z.string().trim().min(1).max(200);

/** The result of a revoke: tokens it issued stay valid until this time (epoch ms). */
export interface RevokeOutcome {
  readonly clientId: string;
  readonly tokensValidUntil: number;
}

/** Channels for the credentials of an environment. */
export const credentialChannels = {
  'credentials:list': channel<readonly CredentialView[]>()(
    z.strictObject({ environmentId: EnvironmentId }),
  ),
  'credentials:create': channel<CapturedCredential>()(
    z.strictObject({
      environmentId: EnvironmentId,
      name: z.string().trim().min(1, 'Give the credential a name.').max(200),
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
    }),
  ),
  'credentials:revoke': channel<RevokeOutcome>()(
    z.strictObject({ environmentId: EnvironmentId, clientId: ClientId }),
  ),
} as const;
