import type { ChannelName, EventName } from './contract';

// The preload's allowlist as plain strings: importing the contract itself would bundle every zod
// schema into the preload. The compiler keeps these lists equal to the contract's names.

/** Every request/response channel the preload lets through. */
export const CHANNEL_NAMES = [
  'app:info',
  'environments:list',
  'environments:get-selected',
  'environments:select',
  'environments:add',
  'environments:update',
  'environments:remove',
  'environments:store-secret',
  'environments:set-active-credential',
  'environments:discover',
  'credentials:list',
  'credentials:create',
  'credentials:revoke',
  'credentials:rename',
  'token:state',
  'token:renew',
  'token:set-auto-renew',
  'token:reveal',
  'client-keys:get',
  'client-keys:generate',
  'client-keys:remove',
  'clipboard:write-text',
  'clipboard:copy-token',
  'credentials:copy-secret',
  'credentials:pending',
  'credentials:dismiss-pending',
  'audit:list',
  'audit:verify',
  'jwt:fetch-jwks',
  'jwt:watch-list',
  'jwt:watch-add',
  'jwt:watch-remove',
  'rotation:get',
  'rotation:start',
  'rotation:create',
  'rotation:verify',
  'rotation:switch',
  'rotation:hand-over',
  'rotation:poll-usage',
  'rotation:revoke-old',
  'rotation:finish',
  'rotation:cancel',
  'rotation:dismiss',
  'rotation:copy-snippet',
  'snapshots:summaries',
  'snapshots:refresh',
  'snapshots:credentials',
  'snapshots:fleet',
  'snapshots:jwks',
  'snapshots:index',
  'snapshots:settings',
  'snapshots:set-settings',
] as const satisfies readonly ChannelName[];

/** Every main→renderer event the preload lets the page subscribe to. */
export const EVENT_NAMES = [
  'environment:changed',
  'environments:updated',
  'token:renewed',
  'token:expiring',
  'audit:appended',
  'jwt:watch-changed',
  'rotation:changed',
  'snapshots:changed',
] as const satisfies readonly EventName[];

/** Fails to compile when the contract gains a name these lists lack. */
type Complete<All extends string, Listed extends string> = [Exclude<All, Listed>] extends [never]
  ? true
  : never;
export const NAMES_ARE_COMPLETE: Complete<ChannelName, (typeof CHANNEL_NAMES)[number]> &
  Complete<EventName, (typeof EVENT_NAMES)[number]> = true;

/** The Electron IPC channel on which a main→renderer event travels (main sends, the preload listens). */
export function eventChannel(event: string): string {
  return `keysmith:event:${event}`;
}
