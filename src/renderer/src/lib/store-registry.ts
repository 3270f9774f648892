/**
 * A registry of the stores, so tests (and a curious developer) can read a JSON snapshot of all
 * renderer state through `window.__keysmithDebug.snapshot()`. Read-only by construction: it
 * serialises plain data and drops functions. Client secrets never live in a store (the one-time
 * capture keeps its secret in dialog-local state). The one token a store holds is the JWT
 * debugger's input: what the user pasted, or an environment's token they asked to inspect, which
 * leaves when they move on. The e2e canary proves both with this snapshot.
 */

interface ReadableStore {
  getState(): unknown;
}

const stores = new Map<string, ReadableStore>();

/** Adds a zustand store (anything with getState) to the debug snapshot under a name. */
export function registerStore(name: string, store: ReadableStore): void {
  stores.set(name, store);
}

/** A JSON copy of the data of every registered store (functions dropped). */
export function snapshotStores(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, store] of stores) {
    out[name] = JSON.parse(
      JSON.stringify(store.getState(), (_key, value: unknown) =>
        typeof value === 'function' ? undefined : value,
      ),
    ) as unknown;
  }
  return out;
}

/** Exposes `window.__keysmithDebug.snapshot()`; called once at start-up. */
export function installDebugSnapshot(): void {
  if (Object.hasOwn(window, '__keysmithDebug')) return;
  Object.defineProperty(window, '__keysmithDebug', {
    value: Object.freeze({ snapshot: () => snapshotStores() }),
    enumerable: false,
  });
}
