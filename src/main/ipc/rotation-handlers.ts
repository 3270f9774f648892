import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers of the `rotation:*` channels: one per wizard step, plus copy of a hand-over snippet. */
export function rotationHandlers({ rotation }: Core): DomainHandlers<'rotation'> {
  return {
    'rotation:get': ({ environmentId }) => rotation.get(environmentId),
    'rotation:start': ({ environmentId, ...input }) => rotation.start(environmentId, input),
    'rotation:create': ({ environmentId, rotationId }) =>
      rotation.create(environmentId, rotationId),
    'rotation:verify': ({ environmentId, rotationId }) =>
      rotation.verify(environmentId, rotationId),
    'rotation:switch': ({ environmentId, rotationId }) =>
      rotation.switchOver(environmentId, rotationId),
    'rotation:hand-over': ({ environmentId, rotationId }) =>
      rotation.handOver(environmentId, rotationId),
    'rotation:poll-usage': ({ environmentId, rotationId }) =>
      rotation.pollUsage(environmentId, rotationId),
    'rotation:revoke-old': ({ environmentId, rotationId, acknowledgeRecentUse }) =>
      rotation.revokeOld(environmentId, rotationId, acknowledgeRecentUse),
    'rotation:finish': ({ environmentId, rotationId }) =>
      rotation.finish(environmentId, rotationId),
    'rotation:cancel': ({ environmentId, rotationId, revokeNew }) =>
      rotation.cancel(environmentId, rotationId, revokeNew),
    'rotation:dismiss': ({ environmentId, rotationId }) =>
      rotation.dismiss(environmentId, rotationId),
    'rotation:copy-snippet': ({ environmentId, rotationId, format, withSecret }) =>
      rotation.copySnippet(environmentId, rotationId, format, withSecret),
  };
}
