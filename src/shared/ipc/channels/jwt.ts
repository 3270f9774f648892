import { z } from 'zod';
import { channel, event } from '../define';

/** A JWKS fetched by main on the user's request. */
export interface FetchedJwksView {
  readonly url: string;
  readonly text: string;
  readonly keyCount: number;
  readonly fetchedAt: number;
}

/** A pinned token on the watch list: metadata only, never the token. */
export interface WatchedTokenView {
  readonly id: string;
  readonly label: string;
  readonly expiresAt: number;
  readonly issuer: string | null;
  readonly subject: string | null;
  readonly warnMinutes: number;
  readonly notifiedAt: number | null;
}

/** Channels the JWT debugger needs from main: nothing of the token itself crosses them. */
export const jwtChannels = {
  /** Downloads a JWKS by URL: an explicit user action, the renderer has no network. */
  'jwt:fetch-jwks': channel<FetchedJwksView>()(
    z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
  ),
  'jwt:watch-list': channel<readonly WatchedTokenView[]>()(z.undefined()),
  'jwt:watch-add': channel<WatchedTokenView>()(
    z.strictObject({
      label: z.string().trim().min(1).max(200),
      expiresAt: z.number().int().positive(),
      issuer: z.string().max(2000).nullable(),
      subject: z.string().max(2000).nullable(),
      warnMinutes: z.number().int().min(0).max(10_080),
    }),
  ),
  'jwt:watch-remove': channel<{ readonly removed: true }>()(
    z.strictObject({ id: z.string().min(1).max(100) }),
  ),
} as const;

/** Events of the JWT debugger's watch list. */
export const jwtEvents = {
  'jwt:watch-changed': event<{ readonly count: number }>(),
} as const;
