import type { CopyOutcome } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { handOverSnippet, type SnippetFormat } from '../../../shared/rotation-snippets';
import { tokenUrlOf } from '../../../shared/environment';
import type { RotationContext } from './rotation-context';

/**
 * Copies the hand-over snippet of a rotation's new credential through main: with the secret
 * (from the keychain) it is cleared from the clipboard after 30 s, without it a placeholder
 * stands in and nothing is cleared.
 */
export async function copyHandOverSnippet(
  ctx: RotationContext,
  target: { readonly environmentId: string; readonly rotationId: string },
  format: SnippetFormat,
  withSecret: boolean,
): Promise<CopyOutcome> {
  const { environmentId, rotationId } = target;
  const rotation = ctx.store.get(environmentId);
  if (rotation === null || rotation.id !== rotationId || rotation.newClientId === null) {
    throw new AppFailure({
      kind: 'not-found',
      message: 'This rotation has no new credential to hand over: reload the wizard.',
    });
  }
  const environment = ctx.environmentStore.get(environmentId);
  const clientId = rotation.newClientId;
  const text = handOverSnippet(format, {
    environmentName: environment.name,
    credentialName: rotation.replacement.name,
    tokenUrl: tokenUrlOf(environment),
    clientId,
    clientSecret: withSecret ? await ctx.credentials.secretOf(environmentId, clientId) : null,
  });
  return withSecret ? ctx.clipboard.copySecret(text) : ctx.clipboard.copyText(text);
}
