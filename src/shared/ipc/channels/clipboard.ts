import { z } from 'zod';
import { channel } from '../define';
import { TOKEN_COPY_FORMATS, type CopyOutcome } from '../../domain';
import { CopyOutcomeOutput } from '../outputs';

const EnvironmentId = z.string().min(1).max(100);

/** Channels that copy through main, which clears secrets from the clipboard after 30 s. */
export const clipboardChannels = {
  /** Copies non-secret text (a client_id, a support summary). */
  'clipboard:write-text': channel<CopyOutcome>()(
    z.strictObject({ text: z.string().max(20_000) }),
    CopyOutcomeOutput,
  ),
  /** Copies an environment's access token as a header or a curl command; cleared after 30 s. */
  'clipboard:copy-token': channel<CopyOutcome>()(
    z.strictObject({
      environmentId: EnvironmentId,
      format: z.enum(TOKEN_COPY_FORMATS),
    }),
    CopyOutcomeOutput,
  ),
} as const;
