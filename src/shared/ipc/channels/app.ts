import { z } from 'zod';
import { channel } from '../define';
import type { KeychainReason } from '../../errors';

/** Whether the OS keychain can be used right now, and if not, why. */
export type KeychainStatus =
  | { readonly available: true; readonly backend: string }
  | { readonly available: false; readonly reason: KeychainReason; readonly message: string };

/** What the app is and where it runs: shown in the shell and the About panel. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly arch: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly keychain: KeychainStatus;
}

/** Channels about the app itself. */
export const appChannels = {
  'app:info': channel<AppInfo>()(z.undefined()),
} as const;
