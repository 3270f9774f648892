import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents, CopyOutcome } from '../../domain';
import type { Rotation, RotationCreated } from '../../rotation';
import { SNIPPET_FORMATS } from '../../rotation-snippets';
import { CapturedCredentialOutput, CopyOutcomeOutput, RotationOutput } from '../outputs';

const EnvironmentId = z.string().min(1).max(100);
const Target = z.strictObject({
  environmentId: EnvironmentId,
  rotationId: z.string().min(1).max(100),
});

/** Channels of the rotation wizard: one call per step, each saving the rotation before it answers. */
export const rotationChannels = {
  /** The environment's rotation (in progress, finished or cancelled), or null. */
  'rotation:get': channel<Rotation | null>()(
    z.strictObject({ environmentId: EnvironmentId }),
    RotationOutput.nullable(),
  ),
  /** Starts a rotation; a second one in the same environment is a `conflict`. */
  'rotation:start': channel<Rotation>()(
    z.strictObject({
      environmentId: EnvironmentId,
      oldClientId: z.string().trim().min(1).max(200),
      name: z.string().trim().min(1, 'Give the new credential a name.').max(200),
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
    }),
    RotationOutput,
  ),
  /** (a) Creates the replacement with the rotation's saved Idempotency-Key; the secret comes back once. */
  'rotation:create': channel<RotationCreated>()(
    Target,
    z.object({ rotation: RotationOutput, captured: CapturedCredentialOutput }),
  ),
  /** (b) Exchanges a token with the new credential. */
  'rotation:verify': channel<Rotation>()(Target, RotationOutput),
  /** (c) Switches the environment to the new credential. */
  'rotation:switch': channel<Rotation>()(Target, RotationOutput),
  /** (d) The user handed the new credential over. */
  'rotation:hand-over': channel<Rotation>()(Target, RotationOutput),
  /** (e) Reads the old credential's last_used_at now. */
  'rotation:poll-usage': channel<Rotation>()(Target, RotationOutput),
  /** (f) Revokes the old credential. */
  'rotation:revoke-old': channel<Rotation>()(
    Target.extend({ acknowledgeRecentUse: z.boolean().default(false) }),
    RotationOutput,
  ),
  /** (g) Writes the summary to the audit log. */
  'rotation:finish': channel<Rotation>()(Target, RotationOutput),
  /** Stops the rotation, optionally revoking the new credential. */
  'rotation:cancel': channel<Rotation>()(Target.extend({ revokeNew: z.boolean() }), RotationOutput),
  /** Forgets a finished or cancelled rotation. */
  'rotation:dismiss': channel<null>()(Target, z.null()),
  /** Copies a hand-over snippet through main; with the secret it is cleared after 30 s. */
  'rotation:copy-snippet': channel<CopyOutcome>()(
    Target.extend({ format: z.enum(SNIPPET_FORMATS), withSecret: z.boolean() }),
    CopyOutcomeOutput,
  ),
} as const;

/** Events of the rotation wizard. */
export const rotationEvents = {
  'rotation:changed': event<AppEvents['rotation:changed']>(),
} as const;
