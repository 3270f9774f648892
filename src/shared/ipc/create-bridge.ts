import type { Result } from '../result';
import type { KeysmithBridge } from './bridge';
import { CHANNEL_NAMES, EVENT_NAMES } from './names';

/** The raw transport a bridge forwards to (Electron IPC in the preload, a binding in tests). */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** The channel and event names a bridge lets through. */
export interface BridgeAllowlist {
  readonly channels: readonly string[];
  readonly events: readonly string[];
}

/** Builds `window.keysmith`: only contract channels and events pass; nothing else of the transport leaks. */
export function createBridge(transport: BridgeTransport): KeysmithBridge {
  return createAllowlistedBridge(transport, { channels: CHANNEL_NAMES, events: EVENT_NAMES });
}

/**
 * Builds `window.keysmith` over a transport and an allowlist. Self-contained on purpose (it uses
 * nothing from its module), so the browser test harness can install this very function in the
 * page from its source text, exactly as the preload installs it.
 */
export function createAllowlistedBridge(
  transport: BridgeTransport,
  allowlist: BridgeAllowlist,
): KeysmithBridge {
  const channels: ReadonlySet<unknown> = new Set(allowlist.channels);
  const events: ReadonlySet<unknown> = new Set(allowlist.events);
  return Object.freeze({
    async invoke(channel: string, input?: unknown): Promise<Result<unknown>> {
      if (typeof channel !== 'string' || !channels.has(channel)) {
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
      if (typeof event !== 'string' || !events.has(event)) {
        throw new Error(`Unknown event “${String(event).slice(0, 80)}”`);
      }
      if (typeof listener !== 'function') throw new Error('An event listener must be a function');
      return transport.subscribe(event, (payload) => listener(payload));
    },
  });
}
