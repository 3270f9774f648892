import { z } from 'zod';
import { channel } from '../define';
import type {
  CapturedCredential,
  CopyOutcome,
  CredentialView,
  PendingRegistration,
  RevokeOutcome,
} from '../../domain';
import {
  CapturedCredentialOutput,
  CopyOutcomeOutput,
  CredentialViewOutput,
  PendingRegistrationOutput,
} from '../outputs';

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
      /** private_key_jwt clients of a DCR environment: the key pair main generates. */
      keyAlgorithm: z.enum(['ES256', 'RS256']).optional(),
    }),
    CapturedCredentialOutput,
  ),
  'credentials:revoke': channel<RevokeOutcome>()(
    z.strictObject({ environmentId: EnvironmentId, clientId: ClientId }),
    z.object({
      clientId: z.string(),
      tokensValidUntil: z.number(),
      forgotten: z.boolean().optional(),
    }),
  ),
  /** Renames a client registered through DCR (RFC 7592 update); the seed API has no rename. */
  'credentials:rename': channel<CredentialView>()(
    z.strictObject({
      environmentId: EnvironmentId,
      clientId: ClientId,
      name: z.string().trim().min(1, 'Give the credential a name.').max(200),
    }),
    CredentialViewOutput,
  ),
  /** DCR registrations whose answer was lost: they may exist on the server. */
  'credentials:pending': channel<readonly PendingRegistration[]>()(
    z.strictObject({ environmentId: EnvironmentId }),
    z.array(PendingRegistrationOutput),
  ),
  /** Forgets a pending registration once the person checked the server's console. */
  'credentials:dismiss-pending': channel<null>()(
    z.strictObject({ environmentId: EnvironmentId, id: z.string().min(1).max(255) }),
    z.null(),
  ),
  /** Copies a client secret from the keychain; cleared after 30 s. */
  'credentials:copy-secret': channel<CopyOutcome>()(
    z.strictObject({ environmentId: EnvironmentId, clientId: ClientId }),
    CopyOutcomeOutput,
  ),
} as const;
