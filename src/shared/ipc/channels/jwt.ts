import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, FetchedJwks, WatchedToken } from '../../domain';

/** A pinned token: its label, expiry and who issued it, never the token. */
const WatchedTokenOutput = z.object({
  id: z.string(),
  label: z.string(),
  expiresAt: z.number(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  warnMinutes: z.number(),
  notifiedAt: z.number().nullable(),
});

/** Channels the JWT debugger needs from main: nothing of the token itself crosses them. */
export const jwtChannels = {
  /**
   * Downloads a JWKS, an explicit user action (the renderer has no network): an environment's own
   * (`<baseUrl>/.well-known/jwks.json`), or a typed URL that main fetches only once the person
   * confirmed that exact URL.
   */
  'jwt:fetch-jwks': channel<FetchedJwks>()(
    z.union([
      z.strictObject({ environmentId: z.string().min(1).max(100) }),
      z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
    ]),
    z.object({ url: z.string(), text: z.string(), keyCount: z.number(), fetchedAt: z.number() }),
  ),
  'jwt:watch-list': channel<readonly WatchedToken[]>()(z.undefined(), z.array(WatchedTokenOutput)),
  'jwt:watch-add': channel<WatchedToken>()(
    z.strictObject({
      label: z.string().trim().min(1).max(200),
      expiresAt: z.number().int().positive(),
      issuer: z.string().max(2000).nullable(),
      subject: z.string().max(2000).nullable(),
      warnMinutes: z.number().int().min(0).max(10_080),
    }),
    WatchedTokenOutput,
  ),
  'jwt:watch-remove': channel<{ readonly removed: true }>()(
    z.strictObject({ id: z.string().min(1).max(100) }),
    z.object({ removed: z.literal(true) }),
  ),
} as const;

/** Events of the JWT debugger's watch list. */
export const jwtEvents = {
  'jwt:watch-changed': event<AppEvents['jwt:watch-changed']>(),
} as const;
