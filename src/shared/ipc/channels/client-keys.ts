import { z } from 'zod';
import { channel } from '../define';
import type { PublicClientKeyView } from '../../domain';
import { CLIENT_KEY_ALGS } from '../../environment';
import { PublicClientKeyOutput } from '../outputs';

const Target = z.strictObject({
  environmentId: z.string().min(1).max(100),
  clientId: z.string().trim().min(1).max(200),
});

/** Channels for the keys of private_key_jwt clients: only their public halves ever come back. */
export const clientKeyChannels = {
  'client-keys:get': channel<{ readonly key: PublicClientKeyView | null }>()(
    Target,
    z.object({ key: PublicClientKeyOutput.nullable() }),
  ),
  'client-keys:generate': channel<PublicClientKeyView>()(
    Target.extend({ alg: z.enum(CLIENT_KEY_ALGS) }),
    PublicClientKeyOutput,
  ),
  'client-keys:remove': channel<{ readonly removed: boolean }>()(
    Target,
    z.object({ removed: z.boolean() }),
  ),
} as const;
