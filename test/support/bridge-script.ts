/**
 * Defines `window.keysmith` in the page exactly as the preload does, forwarding to the
 * `__keysmithInvoke` binding, which runs the real main-process router in the test process.
 */
export const BRIDGE_SCRIPT = `(() => {
  const listeners = new Map();
  Object.defineProperty(window, '__keysmithEmit', {
    value: (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); },
  });
  Object.defineProperty(window, 'keysmith', {
    value: Object.freeze({
      invoke: (channel, input) => window.__keysmithInvoke(channel, input),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
  });
})();`;
