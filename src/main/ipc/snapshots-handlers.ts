import type { Core } from '../core/create-core';
import { packCredentials } from '../../shared/ipc/channels/snapshots';
import type { DomainHandlers } from './router';

/** The handlers of the `snapshots:*` channels: the environments' snapshots and the fleet settings. */
export function snapshotHandlers({ snapshots, reminders }: Core): DomainHandlers<'snapshots'> {
  return {
    'snapshots:summaries': () => snapshots.summaries(),
    'snapshots:refresh': ({ environmentId }) => snapshots.refresh(environmentId),
    'snapshots:credentials': async ({ environmentId }) => {
      const list = await snapshots.credentials(environmentId);
      return list && packCredentials(list);
    },
    'snapshots:fleet': async () => (await snapshots.fleet()).map(packCredentials),
    'snapshots:jwks': ({ environmentId }) => snapshots.jwks(environmentId),
    'snapshots:index': () => snapshots.index(),
    'snapshots:settings': () => reminders.settings(),
    'snapshots:set-settings': (patch) => reminders.setSettings(patch),
  };
}
