import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `snapshots:*` channels: the environments' snapshots and the fleet settings. */
export function snapshotHandlers({ snapshots, reminders }: Core): DomainHandlers<'snapshots'> {
  return {
    'snapshots:summaries': () => snapshots.summaries(),
    'snapshots:refresh': ({ environmentId }) => snapshots.refresh(environmentId),
    'snapshots:credentials': ({ environmentId }) => snapshots.credentials(environmentId),
    'snapshots:fleet': () => snapshots.fleet(),
    'snapshots:jwks': ({ environmentId }) => snapshots.jwks(environmentId),
    'snapshots:index': () => snapshots.index(),
    'snapshots:settings': () => reminders.settings(),
    'snapshots:set-settings': (patch) => reminders.setSettings(patch),
  };
}
