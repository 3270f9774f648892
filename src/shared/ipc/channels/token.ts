import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, RevealedToken, TokenState } from '../../domain';
import { TokenStateOutput } from '../outputs';

const EnvironmentId = z.strictObject({ environmentId: z.string().min(1).max(100) });

/** Channels for an environment's access token. */
export const tokenChannels = {
  'token:state': channel<TokenState>()(EnvironmentId, TokenStateOutput),
  'token:renew': channel<TokenState>()(EnvironmentId, TokenStateOutput),
  'token:set-auto-renew': channel<TokenState>()(
    EnvironmentId.extend({ enabled: z.boolean() }),
    TokenStateOutput,
  ),
  /** The raw token, only on the user's explicit request. */
  'token:reveal': channel<RevealedToken>()(
    EnvironmentId,
    z.object({ accessToken: z.string(), expiresAt: z.number() }),
  ),
} as const;

/** Events about access tokens. */
export const tokenEvents = {
  'token:renewed': event<AppEvents['token:renewed']>(),
  'token:expiring': event<AppEvents['token:expiring']>(),
} as const;
