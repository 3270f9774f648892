import type { z } from 'zod';
import type { AppEvents } from '../domain';
import type { ChannelSpec, EventSpec } from './define';
import { appChannels } from './channels/app';
import { auditChannels, auditEvents } from './channels/audit';
import { clientKeyChannels } from './channels/client-keys';
import { clipboardChannels } from './channels/clipboard';
import { credentialChannels } from './channels/credentials';
import { environmentChannels, environmentEvents } from './channels/environments';
import { jwtChannels, jwtEvents } from './channels/jwt';
import { rotationChannels, rotationEvents } from './channels/rotation';
import { tokenChannels, tokenEvents } from './channels/token';

/** Every request/response channel between renderer and main, declared once. */
export const channels = {
  ...appChannels,
  ...environmentChannels,
  ...credentialChannels,
  ...tokenChannels,
  ...clientKeyChannels,
  ...clipboardChannels,
  ...auditChannels,
  ...jwtChannels,
  ...rotationChannels,
} as const;

/** Every main→renderer event: exactly the events of `AppEvents`, grouped by domain. */
export const events = {
  ...environmentEvents,
  ...tokenEvents,
  ...auditEvents,
  ...jwtEvents,
  ...rotationEvents,
} as const satisfies { readonly [K in keyof AppEvents]: EventSpec<AppEvents[K]> };

/** The name of a request/response channel. */
export type ChannelName = keyof typeof channels;
/** What the renderer may pass to a channel. */
export type ChannelInput<K extends ChannelName> = z.input<(typeof channels)[K]['input']>;
/** What the handler receives after the schema parsed the input. */
export type ChannelParsedInput<K extends ChannelName> = z.output<(typeof channels)[K]['input']>;
/** What a channel resolves to on success. */
export type ChannelOutput<K extends ChannelName> =
  (typeof channels)[K] extends ChannelSpec<z.ZodType, infer O> ? O : never;

/** The name of a main→renderer event. */
export type EventName = keyof typeof events;
/** The payload of a main→renderer event. */
export type EventPayload<K extends EventName> =
  (typeof events)[K] extends EventSpec<infer P> ? P : never;

/** The allowlist the preload and the router check against. */
export const channelNames = Object.freeze(Object.keys(channels)) as readonly ChannelName[];
/** The allowlist of events the preload lets the renderer subscribe to. */
export const eventNames = Object.freeze(Object.keys(events)) as readonly EventName[];

/** Tells whether a string names a declared channel. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
