import { z } from 'zod';
import { channel, event } from '../define';
import type { AddedEnvironment, AppEvents, EnvironmentView } from '../../domain';
import {
  EnvironmentFieldsInput,
  NewEnvironmentFieldsInput,
  SecretHeaderValuesInput,
} from '../../environment-schema';
import { EnvironmentViewOutput } from '../outputs';

const Id = z.string().min(1).max(100);
const ClientId = z.string().trim().min(1).max(200);
/** Pasted once, sent to main, never returned. */
const ClientSecret = z.string().min(1).max(4096);

/** Channels that list, edit and switch environments. */
export const environmentChannels = {
  'environments:list': channel<readonly EnvironmentView[]>()(
    z.undefined(),
    z.array(EnvironmentViewOutput),
  ),
  'environments:get-selected': channel<{ readonly selectedId: string | null }>()(
    z.undefined(),
    z.object({ selectedId: z.string().nullable() }),
  ),
  'environments:select': channel<{ readonly selectedId: string }>()(
    z.strictObject({ id: Id }),
    z.object({ selectedId: z.string() }),
  ),
  'environments:add': channel<AddedEnvironment>()(
    NewEnvironmentFieldsInput.extend({
      clientId: ClientId,
      clientSecret: ClientSecret,
      saveUnverified: z.boolean().default(false),
      /** The values of the secret headers, for the keychain only. */
      secretHeaderValues: SecretHeaderValuesInput.default({}),
    }),
    z.object({ environment: EnvironmentViewOutput, verified: z.boolean() }),
  ),
  'environments:update': channel<EnvironmentView>()(
    z.strictObject({
      id: Id,
      patch: EnvironmentFieldsInput.partial(),
      /** New values of secret headers (a header left out keeps its stored value). */
      secretHeaderValues: SecretHeaderValuesInput.optional(),
    }),
    EnvironmentViewOutput,
  ),
  'environments:remove': channel<{ readonly removedSecrets: number }>()(
    z.strictObject({ id: Id }),
    z.object({ removedSecrets: z.number() }),
  ),
  'environments:store-secret': channel<EnvironmentView>()(
    z.strictObject({ id: Id, clientId: ClientId, clientSecret: ClientSecret }),
    EnvironmentViewOutput,
  ),
  'environments:set-active-credential': channel<EnvironmentView>()(
    z.strictObject({ id: Id, clientId: ClientId }),
    EnvironmentViewOutput,
  ),
} as const;

/** Events about environments. */
export const environmentEvents = {
  'environment:changed': event<AppEvents['environment:changed']>(),
  'environments:updated': event<AppEvents['environments:updated']>(),
} as const;
