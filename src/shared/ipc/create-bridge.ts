import type { Result } from '../result';
import type { KeysmithBridge } from './bridge';
import { isAllowedChannel, isAllowedEvent } from './names';

/** The raw transport a bridge forwards to (Electron IPC in the preload, a binding in tests). */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.keysmith`: only contract channels and events pass; nothing else of the transport leaks. */
export function createBridge(transport: BridgeTransport): KeysmithBridge {
  return Object.freeze({
    async invoke(channel: string, input?: unknown): Promise<Result<unknown>> {
      if (!isAllowedChannel(channel)) {
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: `Unknown IPC channel “${String(channel).slice(0, 80)}”`,
            errors: [],
          },
        };
      }
      return (await transport.invoke(channel, input)) as Result<unknown>;
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isAllowedEvent(event)) throw new Error(`Unknown event “${String(event).slice(0, 80)}”`);
      if (typeof listener !== 'function') throw new Error('An event listener must be a function');
      return transport.subscribe(event, (payload) => listener(payload));
    },
  });
}
