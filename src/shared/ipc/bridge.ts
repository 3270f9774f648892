import type { Result } from '../result';

/** The one object the preload exposes as `window.keysmith`. */
export interface KeysmithBridge {
  /** Calls a channel in main; always resolves to a Result, never rejects for app errors. */
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  /** Subscribes to a main→renderer event; returns the function that unsubscribes. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
