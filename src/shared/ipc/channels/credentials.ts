import { z } from 'zod';
import { channel } from '../define';
import type { CapturedCredential, CopyOutcome, CredentialView, RevokeOutcome } from '../../domain';
import { CapturedCredentialOutput, CopyOutcomeOutput, CredentialViewOutput } from '../outputs';

const EnvironmentId = z.string().min(1).max(100);
const ClientId = z.string().trim().min(1).max(200);

/** Channels for the credentials of an environment. */
export const credentialChannels = {
  'credentials:list': channel<readonly CredentialView[]>()(
    z.strictObject({ environmentId: EnvironmentId }),
    z.array(CredentialViewOutput),
  ),
  'credentials:create': channel<CapturedCredential>()(
    z.strictObject({
      environmentId: EnvironmentId,
      name: z.string().trim().min(1, 'Give the credential a name.').max(200),
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
    }),
    CapturedCredentialOutput,
  ),
  'credentials:revoke': channel<RevokeOutcome>()(
    z.strictObject({ environmentId: EnvironmentId, clientId: ClientId }),
    z.object({ clientId: z.string(), tokensValidUntil: z.number() }),
  ),
  /** Copies a client secret from the keychain; cleared after 30 s. */
  'credentials:copy-secret': channel<CopyOutcome>()(
    z.strictObject({ environmentId: EnvironmentId, clientId: ClientId }),
    CopyOutcomeOutput,
  ),
} as const;
