import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, RevealedToken, TokenState } from '../../domain';

const EnvironmentId = z.strictObject({ environmentId: z.string().min(1).max(100) });

/** Channels for an environment's access token. */
export const tokenChannels = {
  'token:state': channel<TokenState>()(EnvironmentId),
  'token:renew': channel<TokenState>()(EnvironmentId),
  'token:set-auto-renew': channel<TokenState>()(EnvironmentId.extend({ enabled: z.boolean() })),
  /** The raw token, only on the user's explicit request. */
  'token:reveal': channel<RevealedToken>()(EnvironmentId),
} as const;

/** Events about access tokens. */
export const tokenEvents = {
  'token:renewed': event<AppEvents['token:renewed']>(),
  'token:expiring': event<AppEvents['token:expiring']>(),
} as const;
