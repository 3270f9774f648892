import { z } from 'zod';
import { channel } from '../define';
import type { AppInfo } from '../../domain';

const AppInfoOutput = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  versions: z.record(z.string(), z.string()),
  keychain: z.discriminatedUnion('available', [
    z.object({ available: z.literal(true), backend: z.string() }),
    z.object({
      available: z.literal(false),
      reason: z.enum(['unavailable', 'locked', 'denied', 'not-found', 'unknown']),
      message: z.string(),
    }),
  ]),
});

/** Channels about the app itself. */
export const appChannels = {
  'app:info': channel<AppInfo>()(z.undefined(), AppInfoOutput),
} as const;
