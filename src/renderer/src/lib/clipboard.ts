import type { ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { invoke } from './ipc';

/** Puts non-secret text (a client_id, support details, a redacted token) on the clipboard through main. */
export function copyText(text: string): Promise<Result<ChannelOutput<'clipboard:write-text'>>> {
  return invoke('clipboard:write-text', { text });
}
