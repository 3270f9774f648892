import { AppFailure } from '../../shared/errors';
import { handOverSnippet } from '../../shared/rotation-snippets';
import type { Core } from '../core/create-core';
import { tokenUrlOf } from '../core/tokens/token-service';
import type { Handlers } from './router';

/** The rotation channels this file handles. */
type RotationChannel =
  | 'rotation:get'
  | 'rotation:start'
  | 'rotation:create'
  | 'rotation:verify'
  | 'rotation:switch'
  | 'rotation:hand-over'
  | 'rotation:poll-usage'
  | 'rotation:revoke-old'
  | 'rotation:finish'
  | 'rotation:cancel'
  | 'rotation:dismiss'
  | 'rotation:copy-snippet';

/** The handlers of the `rotation:*` channels: one per wizard step, plus copy of a hand-over snippet. */
export function rotationHandlers(core: Core): Pick<Handlers, RotationChannel> {
  const { rotation } = core;
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
    'rotation:dismiss': async ({ environmentId, rotationId }) => {
      await rotation.dismiss(environmentId, rotationId);
      return null;
    },
    'rotation:copy-snippet': async ({ environmentId, rotationId, format, withSecret }) => {
      const current = rotation.get(environmentId);
      if (current === null || current.id !== rotationId || current.newClientId === null) {
        throw new AppFailure({
          kind: 'not-found',
          message: 'This rotation has no new credential to hand over: reload the wizard.',
        });
      }
      const environment = await core.environments.view(environmentId);
      const clientId = current.newClientId;
      const text = handOverSnippet(format, {
        environmentName: environment.name,
        credentialName: current.replacement.name,
        tokenUrl: tokenUrlOf(environment),
        clientId,
        clientSecret: withSecret ? await core.credentials.secretOf(environmentId, clientId) : null,
      });
      return withSecret ? core.clipboard.copySecret(text) : core.clipboard.copyText(text);
    },
  };
}
