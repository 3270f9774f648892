import { z } from 'zod';
import { channel, event } from '../define';
import type { AddedEnvironment, AppEvents, DiscoveryResult, EnvironmentView } from '../../domain';
import {
  EnvironmentFieldsInput,
  NewEnvironmentFieldsInput,
  SecretHeaderValuesInput,
} from '../../environment-schema';
import { CLIENT_KEY_ALGS, ENVIRONMENT_KINDS } from '../../environment';
import { DiscoveryResultOutput, EnvironmentViewOutput } from '../outputs';

const Id = z.string().min(1).max(100);
const ClientId = z.string().trim().min(1).max(200);
/** Pasted once, sent to main, never returned. */
const ClientSecret = z.string().min(1).max(4096);
/** Entered once, kept in the keychain, never returned (RFC 7591 §3). */
const InitialAccessToken = z.string().min(1).max(8192);

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
      /** Left out for a private_key_jwt client: Keysmith makes its key instead. */
      clientSecret: ClientSecret.optional(),
      clientKeyAlg: z.enum(CLIENT_KEY_ALGS).optional(),
      initialAccessToken: InitialAccessToken.optional(),
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
      /** A new initial access token; null deletes the stored one; left out keeps it. */
      initialAccessToken: InitialAccessToken.nullable().optional(),
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
  /** Reads an issuer's metadata (RFC 8414, then OpenID Connect discovery) in main. */
  'environments:discover': channel<DiscoveryResult>()(
    z.strictObject({ issuer: z.string().min(1).max(2048), kind: z.enum(ENVIRONMENT_KINDS) }),
    DiscoveryResultOutput,
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
