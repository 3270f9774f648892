import { createAllowlistedBridge } from '../../src/shared/ipc/create-bridge';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src/shared/ipc/names';

/**
 * Defines `window.keysmith` in the page exactly as the preload does: the preload's own bridge
 * function (installed from its source text) with the preload's allowlist, forwarding allowed calls
 * to the `__keysmithInvoke` binding, which runs the real main-process router in the test process.
 * `__keysmithEmit` stands in for Electron's event delivery.
 */
export const BRIDGE_SCRIPT = `(() => {
  const createAllowlistedBridge = ${createAllowlistedBridge.toString()};
  const listeners = new Map();
  Object.defineProperty(window, '__keysmithEmit', {
    value: (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); },
  });
  Object.defineProperty(window, 'keysmith', {
    value: createAllowlistedBridge(
      {
        invoke: (channel, input) => window.__keysmithInvoke(channel, input),
        subscribe: (event, listener) => {
          const set = listeners.get(event) ?? new Set();
          listeners.set(event, set);
          set.add(listener);
          return () => void set.delete(listener);
        },
      },
      ${JSON.stringify({ channels: CHANNEL_NAMES, events: EVENT_NAMES })},
    ),
  });
})();`;
