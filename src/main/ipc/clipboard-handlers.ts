import type { Core } from '../core/create-core';
import type { DomainHandlers } from './router';

/** The handlers that copy through main; tokens are cleared from the clipboard after 30 s. */
export function clipboardHandlers(core: Core): DomainHandlers<'clipboard'> {
  return {
    'clipboard:write-text': ({ text }) => core.clipboard.copyText(text),
    'clipboard:copy-token': ({ environmentId, format }) => core.tokens.copy(environmentId, format),
  };
}
