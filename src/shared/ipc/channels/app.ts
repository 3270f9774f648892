import { z } from 'zod';
import { channel } from '../define';
import type { AppInfo } from '../../domain';

/** Channels about the app itself. */
export const appChannels = {
  'app:info': channel<AppInfo>()(z.undefined()),
} as const;
