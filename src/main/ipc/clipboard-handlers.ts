import type { Core } from '../core/create-core';
import type { Handlers } from './router';

/** Quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The handlers that copy through main; secrets and tokens are cleared after 30 s. */
export function clipboardHandlers(
  core: Core,
): Pick<Handlers, 'clipboard:write-text' | 'clipboard:copy-token' | 'credentials:copy-secret'> {
  return {
    'clipboard:write-text': ({ text }) => core.clipboard.copyText(text),
    'clipboard:copy-token': async ({ environmentId, format }) => {
      const { accessToken } = await core.tokens.current(environmentId);
      const header = `Authorization: Bearer ${accessToken}`;
      const { baseUrl } = await core.environments.view(environmentId);
      const text =
        format === 'token'
          ? accessToken
          : format === 'authorization-header'
            ? header
            : `curl -H ${shellQuote(header)} ${shellQuote(`${baseUrl}/auth/credentials`)}`;
      return core.clipboard.copySecret(text);
    },
    'credentials:copy-secret': async ({ environmentId, clientId }) =>
      core.clipboard.copySecret(await core.credentials.secretOf(environmentId, clientId)),
  };
}
