import { z } from 'zod';
import { channel, event } from '../define';
import type { AppEvents } from '../../domain';
import type {
  FleetIndexEntry,
  FleetSettings,
  PackedCredentials,
  SnapshotCredentials,
  SnapshotJwks,
  SnapshotRefresh,
  SnapshotSummary,
} from '../../fleet/snapshot-types';
import { AppErrorOutput, CredentialViewOutput } from '../outputs';

const EnvironmentId = z.strictObject({ environmentId: z.string().min(1).max(100) });
const Strings = z.array(z.string());

const RotationOutput = z.object({
  at: z.number(),
  previousFetchedAt: z.number(),
  gained: Strings,
  lost: Strings,
});
const ClockOutput = z.object({
  offsetMs: z.number(),
  uncertaintyMs: z.number(),
  measuredAt: z.number(),
});

/** An environment's snapshot in a few numbers: ages, counts, kids, clock, what its tokens said. */
const SummaryOutput = z.object({
  environmentId: z.string(),
  credentials: z
    .object({
      fetchedAt: z.number(),
      count: z.number(),
      active: z.number(),
      truncated: z.boolean(),
    })
    .nullable(),
  jwks: z
    .object({
      fetchedAt: z.number(),
      url: z.string(),
      kids: Strings,
      rotation: RotationOutput.nullable(),
    })
    .nullable(),
  clock: ClockOutput.nullable(),
  seen: z.object({ issuers: Strings, audiences: Strings, kids: Strings }),
});

const PackedOutput = z.object({
  environmentId: z.string(),
  fetchedAt: z.number(),
  truncated: z.boolean(),
  count: z.number(),
  json: z.string(),
});

/**
 * Packs a kept list for `snapshots:credentials` and `snapshots:fleet`: each credential goes
 * through the same output schema as `credentials:list` (unknown members stripped) before it is
 * written into the JSON text, so the page gets exactly the view's fields.
 */
export function packCredentials(list: SnapshotCredentials): PackedCredentials {
  const credentials = z.array(CredentialViewOutput).parse(list.credentials);
  return {
    environmentId: list.environmentId,
    fetchedAt: list.fetchedAt,
    truncated: list.truncated,
    count: credentials.length,
    json: JSON.stringify(credentials),
  };
}

const SettingsOutput = z.object({ reminderDays: z.number(), activeThreshold: z.number() });

/**
 * Channels of the environments' snapshots: what main last learned of each (credentials list,
 * public keys, server clock). Reading them never touches the network; only `snapshots:refresh`
 * does, with the rules of the calls it stands for (listing credentials, fetching an
 * environment's own keys). No secret and no token crosses any of them.
 */
export const snapshotChannels = {
  'snapshots:summaries': channel<readonly SnapshotSummary[]>()(
    z.undefined(),
    z.array(SummaryOutput),
  ),
  /** Lists the environment's credentials and fetches its own keys now, on the person's request. */
  'snapshots:refresh': channel<SnapshotRefresh>()(
    EnvironmentId,
    z.object({
      summary: SummaryOutput,
      credentialsError: AppErrorOutput.optional(),
      jwksError: AppErrorOutput.optional(),
    }),
  ),
  /** The environment's last credentials list, packed, for the Credentials tab to paint at once (null: none). */
  'snapshots:credentials': channel<PackedCredentials | null>()(
    EnvironmentId,
    PackedOutput.nullable(),
  ),
  /** Every environment's last list, packed, for the hygiene report and the expiry timeline. */
  'snapshots:fleet': channel<readonly PackedCredentials[]>()(z.undefined(), z.array(PackedOutput)),
  /** The environment's public keys as last fetched, for offline verification (null: none). */
  'snapshots:jwks': channel<SnapshotJwks | null>()(
    EnvironmentId,
    z
      .object({
        environmentId: z.string(),
        fetchedAt: z.number(),
        url: z.string(),
        text: z.string(),
        kids: Strings,
        previousKids: Strings.nullable(),
        rotation: RotationOutput.nullable(),
      })
      .nullable(),
  ),
  /** What "find" and the token matcher look up: identifiers of every environment, no secret. */
  'snapshots:index': channel<readonly FleetIndexEntry[]>()(
    z.undefined(),
    z.array(
      z.object({
        environmentId: z.string(),
        issuers: Strings,
        audiences: Strings,
        kids: Strings,
        clientIds: Strings,
        names: Strings,
      }),
    ),
  ),
  'snapshots:settings': channel<FleetSettings>()(z.undefined(), SettingsOutput),
  'snapshots:set-settings': channel<FleetSettings>()(
    z.strictObject({
      reminderDays: z.number().int().min(0).max(365).optional(),
      activeThreshold: z.number().int().min(1).max(1_000_000).optional(),
    }),
    SettingsOutput,
  ),
} as const;

/** Events of the snapshots. */
export const snapshotEvents = {
  'snapshots:changed': event<AppEvents['snapshots:changed']>(),
} as const;
